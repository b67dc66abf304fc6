import type { SecurityGap } from '../../domain/app-reach';
import { securedTickets } from '../../platform/jira/issue-security';
import { checkPermissions, has } from '../../platform/jira/permissions';

/**
 * Which of these projects hold tickets the caller can see but the app's user cannot, because of issue
 * security: the first SECURED_SAMPLE secured tickets the caller sees, and of those, the ones the app may
 * not browse (one search as the caller, one permission check as the app about itself). It costs the same
 * whatever the size of the projects, and names to the caller only tickets they can see.
 */
export async function securityGaps(projectKeys: readonly string[]): Promise<SecurityGap[]> {
  const keys = [...new Set(projectKeys)];
  if (keys.length === 0) return [];
  const secured = await securedTickets('user', keys);
  if (secured.tickets.length === 0) return [];
  const grants = await checkPermissions('app', {
    issues: { permissions: ['BROWSE_PROJECTS'], issueIds: secured.tickets.map((t) => t.id) },
  });
  const hidden = new Map<string, number>();
  for (const t of secured.tickets) {
    if (!has(grants.issues, 'BROWSE_PROJECTS', t.id))
      hidden.set(t.projectKey, (hidden.get(t.projectKey) ?? 0) + 1);
  }
  return [...hidden].map(([projectKey, tickets]) => ({ projectKey, tickets, atLeast: secured.more }));
}
