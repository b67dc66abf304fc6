import type { ReactNode } from 'react';
import { type ForgeExtension, useForgeExtension } from '../use-forge-context';
import { ErrorState } from './ErrorState';
import { LoadingState } from './LoadingState';

/**
 * Waits for the module context Jira gives the page and renders `children` with the key the surface
 * needs (the issue's, the project's), or says why it cannot: the context did not come, or the surface
 * is open somewhere without that key.
 */
export function ContextGate({
  pick,
  what,
  elsewhere,
  children,
}: {
  /** The key this surface works on, from the context. */
  pick: (extension: ForgeExtension) => string | undefined;
  /** What Jira did not say, in words: "ticket", "project". */
  what: string;
  /** Said when the surface is opened where there is no such key. */
  elsewhere: string;
  children: (key: string, extension: ForgeExtension) => ReactNode;
}) {
  const { extension, failed } = useForgeExtension();
  if (failed) {
    return (
      <ErrorState
        error={{
          code: 'INTERNAL',
          message: `Jira did not say which ${what} this is. Reload the page.`,
          fieldErrors: [],
        }}
      />
    );
  }
  if (!extension) return <LoadingState label="Loading outcomes" />;
  const key = pick(extension);
  if (!key) return <ErrorState error={{ code: 'NOT_FOUND', message: elsewhere, fieldErrors: [] }} />;
  return children(key, extension);
}
