import type { RunView } from '@contract/rules';
import { plural } from '@domain/units';
import { matchedTickets } from '@shared/format';

/**
 * The headline of a bulk link's progress: "Linked N of M tickets" (changed of matched). The server counts
 * the matches once, at the end, so while it runs only what is linked so far is known.
 */
export function runHeadline(run: RunView): string {
  if (run.status === 'running') {
    if (run.matched > 0) return `Linked ${run.changed} of ${matchedTickets(run)} so far…`;
    return run.changed > 0 ? `Linked ${plural(run.changed, 'ticket')} so far…` : 'Finding the tickets…';
  }
  if (run.status === 'failed') return `Linked ${plural(run.changed, 'ticket')}, then stopped.`;
  if (run.matched === 0 && run.changed === 0) return 'No tickets matched, so nothing was linked.';
  if (run.changed > run.matched) return `Linked ${plural(run.changed, 'ticket')}.`;
  return `Linked ${run.changed} of ${matchedTickets(run)}.`;
}

/** What the run is doing now, or what the numbers of a finished run mean. */
export function runDetail(run: RunView): string | null {
  if (run.status === 'running') {
    return run.phase === 'absent'
      ? 'Step 1 of 2: tickets that serve no outcome yet, many at a time.'
      : 'Step 2 of 2: tickets that already serve other outcomes, one by one, keeping their links.';
  }
  // "The other N" only from a count: an estimate's difference says nothing about any ticket.
  if (run.status === 'done' && !run.matchedEstimated && run.matched > run.changed) {
    const already = run.matched - run.changed;
    return `The other ${plural(already, 'ticket')} already ${already === 1 ? 'had' : 'had their'} own link to this outcome, so ${already === 1 ? 'it was' : 'they were'} left as ${already === 1 ? 'it was' : 'they were'}.`;
  }
  return null;
}

/** Jira's rate limits slow a run down but lose nothing: it waits as asked and resumes where it was. */
export function rateLimitNote(run: RunView): string | null {
  if (run.rateLimited === 0) return null;
  return `Jira asked Outcome Bridge to slow down ${run.rateLimited === 1 ? 'once' : `${run.rateLimited} times`}. It waited as asked and carried on where it was, so this takes longer, but no ticket is skipped.`;
}
