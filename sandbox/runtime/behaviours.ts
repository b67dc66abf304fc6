import { mergeBehaviours } from '../jira/behaviours';
import type { AppManifest } from './manifest';

// How strictly the Forge runtime emulation follows Forge (README of sandbox/jira: behaviours).

export interface RuntimeBehaviours {
  /**
   * On: 25 s for every function a UI module or a product trigger uses; only functions used by nothing but
   * queue consumers and scheduled triggers get 55 s, or their `timeoutSeconds` up to 900 s.
   * Off: triggers get their function's `timeoutSeconds`, or 55 s.
   */
  forgeTimeouts: { enabled: boolean };
  /**
   * On: a module is reachable only by whom Jira shows it to. The admin page (jira:adminPage) lives in Jira
   * settings, which only Jira administrators open: its resolver refuses anyone else. A project's settings
   * (jira:projectSettingsPage) open to its administrators only; its resolver is not refused by the host
   * (nothing documents that Forge refuses the invocation: the app checks the caller itself).
   */
  moduleAccess: { enabled: boolean };
}

export const DEFAULT_RUNTIME_BEHAVIOURS: RuntimeBehaviours = {
  forgeTimeouts: { enabled: true },
  moduleAccess: { enabled: true },
};

export type RuntimeBehaviourOverrides = { [K in keyof RuntimeBehaviours]?: Partial<RuntimeBehaviours[K]> };

export function runtimeBehaviours(overrides: RuntimeBehaviourOverrides = {}): RuntimeBehaviours {
  return mergeBehaviours(DEFAULT_RUNTIME_BEHAVIOURS, overrides);
}

/** Forge's runtime limits (README: timeouts). */
export const INTERACTIVE_TIMEOUT_S = 25;
export const BACKGROUND_DEFAULT_TIMEOUT_S = 55;
export const BACKGROUND_MAX_TIMEOUT_S = 900;

/**
 * How long Forge lets a function run, from the modules that use it: "900 s ... applies to function modules
 * that are only referenced by consumer or scheduled trigger modules"; everything else has 25 s.
 */
export function functionTimeoutMs(
  manifest: AppManifest,
  functionKey: string,
  behaviours: RuntimeBehaviours,
): number {
  const declared = manifest.functions.get(functionKey)?.timeoutSeconds;
  const interactive =
    manifest.uiModules.some((m) => m.resolverFunction === functionKey) ||
    manifest.triggers.some((t) => t.function === functionKey);
  if (!behaviours.forgeTimeouts.enabled) {
    const resolverOnly = manifest.uiModules.some((m) => m.resolverFunction === functionKey);
    return (resolverOnly ? INTERACTIVE_TIMEOUT_S : (declared ?? BACKGROUND_DEFAULT_TIMEOUT_S)) * 1000;
  }
  if (interactive) return INTERACTIVE_TIMEOUT_S * 1000;
  return Math.min(declared ?? BACKGROUND_DEFAULT_TIMEOUT_S, BACKGROUND_MAX_TIMEOUT_S) * 1000;
}
