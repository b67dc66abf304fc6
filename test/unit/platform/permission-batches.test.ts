import { describe, expect, it } from 'vitest';
import { PERMISSION_CHECK_CAP, permissionCheckBatches } from '../../../src/platform/jira/permissions';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String(from + i));

describe('permission checks within Jira’s 1,000-id caps', () => {
  it('splits projects and issues into calls of at most 1,000 each, every id asked once', () => {
    const query = {
      global: ['ADMINISTER' as const],
      projects: { permissions: ['BROWSE_PROJECTS' as const], projectIds: ids(2_500) },
      issues: { permissions: ['EDIT_ISSUES' as const], issueIds: ids(1_001, 90_000) },
    };
    const calls = permissionCheckBatches(query);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.projects?.projectIds.length ?? 0).toBeLessThanOrEqual(PERMISSION_CHECK_CAP);
      expect(call.issues?.issueIds.length ?? 0).toBeLessThanOrEqual(PERMISSION_CHECK_CAP);
    }
    expect(calls.flatMap((c) => c.projects?.projectIds ?? [])).toEqual(query.projects.projectIds);
    expect(calls.flatMap((c) => c.issues?.issueIds ?? [])).toEqual(query.issues.issueIds);
    // Global permissions do not depend on ids: asked in the first call only.
    expect(calls.map((c) => c.global)).toEqual([['ADMINISTER'], undefined, undefined]);
  });

  it('makes one call for a small check, exactly at the cap too', () => {
    expect(
      permissionCheckBatches({ issues: { permissions: ['BROWSE_PROJECTS'], issueIds: ids(1) } }),
    ).toHaveLength(1);
    expect(
      permissionCheckBatches({ projects: { permissions: ['BROWSE_PROJECTS'], projectIds: ids(1_000) } }),
    ).toHaveLength(1);
  });
});
