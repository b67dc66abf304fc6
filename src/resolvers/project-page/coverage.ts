import { inProject } from '../../domain/jql';
import { storyPointsFieldId } from '../../platform/jira/fields';
import { countIssues, searchPage } from '../../platform/jira/issues';
import { projectOperation } from './operation';
import { projectGrants } from './project-access';
import { ticketFields, toTicketRow } from './ticket-rows';

const PERIOD = { '30d': '-30d', '90d': '-90d', '365d': '-365d', all: null } as const;

/**
 * Alignment coverage: of the project's tickets created in the period, the share that serves at least one
 * outcome, and the newest unaligned ones. Counted as the caller: two counts and one page, at any size.
 */
export const coverageOp = projectOperation('project/coverage', {
  authorize: ({ projectKey }, caller) => projectGrants(caller, projectKey),
  run: async ({ projectKey, period }) => {
    const since = PERIOD[period];
    const scope = since ? `${inProject(projectKey)} AND created >= ${since}` : inProject(projectKey);
    const unalignedJql = `${scope} AND outcome IS EMPTY`;
    const pointsField = await storyPointsFieldId();
    const [total, unaligned, page] = await Promise.all([
      countIssues('user', scope),
      countIssues('user', unalignedJql),
      searchPage(
        'user',
        `${unalignedJql} ORDER BY created DESC`,
        { fields: ticketFields(pointsField), pageSize: 50 },
        null,
      ),
    ]);
    return {
      total,
      aligned: total - unaligned,
      share: total === 0 ? null : (total - unaligned) / total,
      unaligned: {
        jql: unalignedJql,
        count: unaligned,
        tickets: page.issues.map((i) => toTicketRow(i, pointsField)),
      },
    };
  },
});
