import { router } from '@forge/bridge';
import type { MouseEvent } from 'react';

/** Where Jira shows an issue, relative to the site. */
export const issuePath = (issueKey: string) => `/browse/${encodeURIComponent(issueKey)}`;

/** Jira's issue navigator with a query, relative to the site. */
export const searchPath = (jql: string) => `/issues/?jql=${encodeURIComponent(jql)}`;

/**
 * Opens a Jira page in a new tab through the host. A link in the app's iframe would open inside the
 * iframe, or on the app's own origin; the host knows the site. Failing to open changes nothing on the page.
 */
export function openInJira(path: string): void {
  void router.open(path).catch(() => undefined);
}

/** For an `<a href>` to a Jira page: a plain click goes through the host; the href stays for the address. */
export const openOnClick = (path: string) => (event: MouseEvent<HTMLAnchorElement>) => {
  event.preventDefault();
  openInJira(path);
};
