import { and, inProject, isDone, servesOutcome } from '../../domain/jql';
import { mapLimited } from '../../platform/concurrency';
import { countIssues } from '../../platform/jira/issues';
import { listOutcomesOfProject } from '../../platform/storage/outcome-repository';
import { projectAccess } from '../shared/access';
import { lookUpPeople, toOutcomeCard } from '../shared/views';
import { projectOperation } from './operation';

/** Parallel Jira calls a page load may have in flight; more only earns 429s. */
const FAN_OUT = 6;

/**
 * The project's outcomes with how many of the project's tickets serve each and how many are done.
 * Counted as the caller, so nobody sees numbers about tickets they cannot browse.
 * Cost: two count calls per outcome, whatever the number of tickets.
 */
export const loadProject = projectOperation('project/load', {
  authorize: ({ projectKey }, caller) => projectAccess(caller, projectKey),
  run: async ({ projectKey }, _caller, { project }) => {
    const outcomes = await listOutcomesOfProject(projectKey);
    const [users, counts] = await Promise.all([
      lookUpPeople(outcomes),
      mapLimited(
        outcomes.flatMap((o) => [
          and(inProject(projectKey), servesOutcome(o.id)),
          and(inProject(projectKey), servesOutcome(o.id), isDone),
        ]),
        FAN_OUT,
        (jql) => countIssues('user', jql),
      ),
    ]);
    return {
      project: { key: project.key, name: project.name },
      outcomes: outcomes.map((o, i) => ({
        ...toOutcomeCard(o, users),
        linkedCount: counts[2 * i] ?? 0,
        doneCount: counts[2 * i + 1] ?? 0,
      })),
    };
  },
});
