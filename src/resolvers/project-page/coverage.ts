import { inProject, servesNoOutcome } from '../../domain/jql';
import { storyPointsFieldId } from '../../platform/jira/fields';
import { countTickets, searchPage } from '../../platform/jira/issues';
import { projectOperation } from './operation';
import { projectGrants } from './project-access';
import { ticketFields, toTicketRow } from './ticket-rows';

const PERIOD = { '30d': '-30d', '90d': '-90d', '365d': '-365d', all: null } as const;

/**
 * Alignment coverage: of the project's counted tickets (stories, tasks and bugs, as delivery counts them)
 * created in the period, the share that serves at least one outcome, and the newest unaligned ones. Counted as the caller: two counts and one page, at any size.
 */
export const coverageOp = projectOperation('project/coverage', {
  authorize: ({ projectKey }, caller) => projectGrants(caller, projectKey),
  run: async ({ projectKey, period }) => {
    const since = PERIOD[period];
    // The counting rule of delivery: stories, tasks and bugs count; epics are containers and subtasks count
    // through their parent (which carries the link they inherit), so nothing is counted twice.
    const work = `${inProject(projectKey)} AND issuetype in standardIssueTypes() AND issuetype != Epic`;
    const scope = since ? `${work} AND created >= ${since}` : work;
    const unalignedJql = `${scope} AND ${servesNoOutcome}`;
    const pointsField = await storyPointsFieldId();
    // Counted one by one while Jira estimates at most a thousand (then its estimate): coverage is compared
    // with the outcomes' figures, which count tickets one by one.
    const [counted, unalignedCount, page] = await Promise.all([
      countTickets('user', scope),
      countTickets('user', unalignedJql),
      searchPage(
        'user',
        `${unalignedJql} ORDER BY created DESC`,
        { fields: ticketFields(pointsField), pageSize: 50 },
        null,
      ),
    ]);
    const total = counted.value;
    const unaligned = unalignedCount.value;
    const estimated = counted.estimated || unalignedCount.estimated;
    return {
      total,
      aligned: Math.max(0, total - unaligned),
      share: total === 0 ? null : Math.max(0, total - unaligned) / total,
      estimated,
      unaligned: {
        jql: unalignedJql,
        count: unaligned,
        // Coverage is counted as the caller, so its list and its count are the same tickets.
        total: unaligned,
        estimated: unalignedCount.estimated,
        tickets: page.issues.map((i) => toTicketRow(i, pointsField)),
      },
    };
  },
});
