import { LINKS_PROPERTY_KEY, readLinks } from '../domain/links';
import type { Outcome } from '../domain/outcome';
import { applyContribution, type Contribution, contributionOf, type RollupTicket } from '../domain/rollup';
import { JiraHttpError } from '../platform/jira/client';
import { storyPointsFieldId } from '../platform/jira/fields';
import { getIssue } from '../platform/jira/issues';
import { getOutcomes } from '../platform/storage/outcome-repository';
import {
  blankRollup,
  entriesOfIssue,
  getRollup,
  type RollupEntry,
  RollupMoved,
  writeContribution,
} from '../platform/storage/rollup-repository';
import { rollupBasis, rollupFields, toRollupTicket } from './rollup-tickets';

const same = (a: Contribution | null, b: Contribution | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Brings the stored rollups of every outcome a ticket serves (or served) in line with the ticket as
 * Jira has it now. Idempotent and order-tolerant: it reads current state and adjusts each outcome's
 * totals by the difference from the ticket's stored contribution, so replays change nothing.
 */
export async function refreshTicketRollups(issueKey: string): Promise<void> {
  const pointsField = await storyPointsFieldId();
  let issue: Awaited<ReturnType<typeof getIssue>>;
  try {
    issue = await getIssue('app', issueKey, rollupFields(pointsField), [LINKS_PROPERTY_KEY]);
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 404) return; // deleted: the delete event handles it
    throw error;
  }
  const ticket = toRollupTicket(issue, pointsField);
  const serves = new Set(readLinks(issue.properties?.[LINKS_PROPERTY_KEY]).effectiveOutcomeIds);
  const previous = new Map((await entriesOfIssue(issue.id)).map((e) => [e.outcomeId, e]));
  const ids = [...new Set([...serves, ...previous.keys()])];
  const outcomes = await getOutcomes(ids);
  for (const outcomeId of ids) {
    const outcome = outcomes.get(outcomeId) ?? null;
    const next =
      outcome && serves.has(outcomeId) ? contributionOf(ticket, outcome.rollup, outcome.startDate) : null;
    await adjust(outcomeId, outcome, ticket, previous.get(outcomeId) ?? null, next);
  }
}

/** A deleted ticket leaves every outcome it served. */
export async function forgetTicket(issueId: string): Promise<void> {
  for (const entry of await entriesOfIssue(issueId)) {
    const outcome = (await getOutcomes([entry.outcomeId])).get(entry.outcomeId) ?? null;
    await adjust(entry.outcomeId, outcome, { id: issueId, key: entry.issueKey } as RollupTicket, entry, null);
  }
}

async function adjust(
  outcomeId: string,
  outcome: Outcome | null,
  ticket: Pick<RollupTicket, 'id' | 'key'>,
  previous: RollupEntry | null,
  next: Contribution | null,
): Promise<void> {
  if (same(previous?.contribution ?? null, next)) return;
  for (let attempt = 1; ; attempt++) {
    const rollup =
      (await getRollup(outcomeId)) ?? blankRollup(outcomeId, outcome ? rollupBasis(outcome) : '');
    let totals = rollup.totals;
    if (previous) totals = applyContribution(totals, previous.contribution, -1);
    if (next) totals = applyContribution(totals, next, 1);
    try {
      await writeContribution(
        rollup,
        totals,
        next
          ? { put: { outcomeId, issueId: ticket.id, issueKey: ticket.key, contribution: next } }
          : { remove: { outcomeId, issueId: ticket.id } },
        new Date(),
      );
      return;
    } catch (error) {
      // Another ticket of the same outcome was counted at the same moment: read again and retry.
      if (!(error instanceof RollupMoved) || attempt >= 8) throw error;
    }
  }
}
