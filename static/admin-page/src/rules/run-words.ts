import type { RunView } from '@contract/rules';
import { plural } from '@domain/units';
import { matchedTickets } from '@shared/format';

/** The steps of each kind of run, in the order the back end takes them. */
const STEPS: Record<RunView['kind'], readonly RunView['phase'][]> = {
  backfill: ['absent', 'present', 'stale'],
  'bulk-link': ['absent', 'present'],
  cleanup: ['stale'],
};

const STEP_WORDS: Record<RunView['kind'], Partial<Record<RunView['phase'], string>>> = {
  backfill: {
    absent: 'linking matching tickets that serve no outcome yet',
    present: 'adding the outcome to matching tickets that already serve others',
    stale: 'taking the rule’s links off tickets that no longer match',
  },
  'bulk-link': {
    absent: 'linking tickets that serve no outcome yet',
    present: 'adding the outcome to tickets that already serve others',
  },
  cleanup: { stale: 'taking the rule’s links off the tickets it mapped' },
};

/** How far along the run is, 0..1, by the steps it has finished (a step's size is not known ahead). */
export function runShare(run: RunView): number {
  if (run.status === 'done') return 1;
  const steps = STEPS[run.kind];
  const index = Math.max(0, steps.indexOf(run.phase));
  return index / steps.length;
}

/** "Step 2 of 3: adding the outcome to …". */
export function runStep(run: RunView): string {
  const steps = STEPS[run.kind];
  const words = STEP_WORDS[run.kind][run.phase] ?? 'working through the tickets';
  if (steps.length === 1) return words.charAt(0).toUpperCase() + words.slice(1);
  return `Step ${Math.max(0, steps.indexOf(run.phase)) + 1} of ${steps.length}: ${words}`;
}

export const STATUS_NAME: Record<RunView['status'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};

/** What the run changed, in the words of its kind: tickets linked (a backfill), or unlinked (a clean-up). */
export const changedLabel = (run: RunView) =>
  run.kind === 'cleanup' ? 'Tickets unlinked so far' : 'Tickets linked so far';

/** One sentence on where the run stands. */
export function runSentence(run: RunView): string {
  if (run.status === 'failed') return `Failed: ${run.error ?? 'the run stopped for an unknown reason.'}`;
  if (run.status === 'running') return `Running. ${runStep(run)}.`;
  if (run.kind === 'cleanup') {
    return `Done: the rule’s links are off ${plural(run.changed, 'ticket')}.`;
  }
  return `Done: ${matchedTickets(run)} match the rule; this run linked or updated ${run.changed}.`;
}

/** Jira slowed the run down: said while it runs, and afterwards. */
export function rateLimitedWords(run: RunView): string | null {
  if (run.rateLimited === 0) return null;
  const times = plural(run.rateLimited, 'time');
  return run.status === 'running'
    ? `Rate limited ${times} by Jira, resuming automatically.`
    : `Rate limited ${times} by Jira; it resumed automatically.`;
}
