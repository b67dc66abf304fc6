import type { z } from 'zod';
import { adminPageContract } from './admin-page';
import { issuePanelContract } from './issue-panel';
import { projectPageContract } from './project-page';

export interface Operation {
  input: z.ZodType;
  output: z.ZodType;
}
export type SurfaceContract = Record<string, Operation>;

export type InputOf<C extends SurfaceContract, K extends keyof C> = z.input<C[K]['input']>;
export type ParsedInputOf<C extends SurfaceContract, K extends keyof C> = z.output<C[K]['input']>;
export type OutputOf<C extends SurfaceContract, K extends keyof C> = z.output<C[K]['output']>;

/**
 * The surfaces, keyed by the manifest function that serves each of them. One function per surface keeps
 * an admin operation unreachable from the issue panel; the project settings page offers the admin page's
 * operations, confined to its project.
 */
export const surfaces = {
  'issue-panel-resolver': issuePanelContract,
  'project-page-resolver': projectPageContract,
  'admin-page-resolver': adminPageContract,
  'settings-page-resolver': adminPageContract,
} as const;
