import type { RunView } from '../../contract/rules';
import type { LinkRun } from '../../domain/link-run';

/** A background run as the admin and project pages show its progress. */
export const toRunView = (run: LinkRun): RunView => ({
  id: run.id,
  kind: run.kind,
  status: run.status,
  phase: run.phase,
  matched: run.matched,
  matchedEstimated: run.matchedEstimated,
  changed: run.changed,
  pages: run.pages,
  rateLimited: run.rateLimited,
  startedAt: run.startedAt,
  updatedAt: run.updatedAt,
  finishedAt: run.finishedAt,
  error: run.error,
});
