import { LINKS_PROPERTY_KEY, outcomesNamedBy, readLinks, trustedLinks } from '../domain/links';
import type { Outcome } from '../domain/outcome';
import {
  applyContribution,
  type Contribution,
  contributionOf,
  type RollupTicket,
  rollupBasis,
} from '../domain/rollup';
import { JiraHttpError } from '../platform/jira/client';
import { storyPointsFieldId } from '../platform/jira/fields';
import { getIssue } from '../platform/jira/issues';
import { rollupFields, toRollupTicket } from '../platform/jira/rollup-tickets';
import { getOutcomes } from '../platform/storage/outcome-repository';
import {
  contentionPause,
  entriesOfIssue,
  getEntry,
  RollupMoved,
  readRollup,
  removeEntries,
  writeEntries,
} from '../platform/storage/rollup-repository';
import { linkScopes } from './trusted-links';

const same = (a: Contribution | null, b: Contribution | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Brings the stored rollups of every outcome a ticket serves (or served) in line with the ticket as
 * Jira has it now. Idempotent and order-tolerant: it reads current state and adjusts each outcome's
 * totals by the difference from the ticket's stored contribution, so replays change nothing.
 */
export async function refreshTicketRollups(issueKey: string, now: Date): Promise<void> {
  const pointsField = await storyPointsFieldId();
  let issue: Awaited<ReturnType<typeof getIssue>>;
  try {
    issue = await getIssue('app', issueKey, [...rollupFields(pointsField), 'project'], [LINKS_PROPERTY_KEY]);
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 404) return; // deleted: the delete event handles it
    throw error;
  }
  const ticket = toRollupTicket(issue, pointsField);
  const read = readLinks(issue.properties?.[LINKS_PROPERTY_KEY]);
  // The by-issue index only says which outcomes may hold an entry; each entry is read again by key below.
  const previously = (await entriesOfIssue(issue.id)).map((e) => e.outcomeId);
  const outcomes = await getOutcomes([...outcomesNamedBy(read), ...previously]);
  // The property is user data: only links the app trusts count (an outcome covering the ticket's project).
  const scopes = await linkScopes(outcomes.keys(), { known: outcomes });
  const { links } = trustedLinks(read, issue.fields.project?.key ?? '', (id) => scopes.get(id));
  const serves = new Set(links.effectiveOutcomeIds);
  // `inherited` is what the parent serves, kept even where the ticket's own link or a rule comes first.
  const parentServes = new Set(links.inherited.map((l) => l.outcomeId));
  const ids = [...new Set([...serves, ...previously])];
  for (const outcomeId of ids) {
    const outcome = outcomes.get(outcomeId) ?? null;
    const next =
      outcome && serves.has(outcomeId)
        ? contributionOf(
            { ...ticket, parentServesOutcome: parentServes.has(outcomeId) },
            outcome.rollup,
            outcome.startDate,
          )
        : null;
    await adjust(outcomeId, outcome, ticket, next, now);
  }
}

/** A deleted ticket leaves every outcome it served. */
export async function forgetTicket(issueId: string, now: Date): Promise<void> {
  for (const entry of await entriesOfIssue(issueId)) {
    const outcome = (await getOutcomes([entry.outcomeId])).get(entry.outcomeId) ?? null;
    await adjust(entry.outcomeId, outcome, { id: issueId, key: entry.issueKey }, null, now);
  }
}

/**
 * Replaces a ticket's stored contribution to one outcome with `next` and moves the totals by the
 * difference. Each attempt reads the rollup first and the ticket's entry after it, and writes only if the
 * rollup is still at that version (see writeEntries): a concurrent update of the same ticket or outcome
 * makes the write fail, and the retry takes back what that update stored, never what was there before it.
 */
async function adjust(
  outcomeId: string,
  outcome: Outcome | null,
  ticket: Pick<RollupTicket, 'id' | 'key'>,
  next: Contribution | null,
  now: Date,
): Promise<void> {
  if (!outcome) {
    // The outcome was deleted: its entry goes, and no totals are written (that would bring its rollup
    // back after the deletion's clean-up removed it).
    await removeEntries([{ outcomeId, issueId: ticket.id }]);
    return;
  }
  for (let attempt = 1; ; attempt++) {
    const rollup = await readRollup(outcomeId, rollupBasis(outcome));
    const previous = await getEntry(outcomeId, ticket.id);
    if (same(previous?.contribution ?? null, next)) return;
    let totals = rollup.totals;
    if (previous) totals = applyContribution(totals, previous.contribution, -1);
    if (next) totals = applyContribution(totals, next, 1);
    try {
      await writeEntries(
        rollup,
        totals,
        [{ outcomeId, issueId: ticket.id, issueKey: ticket.key, previous, next }],
        now,
      );
      return;
    } catch (error) {
      // Another update of this outcome (this ticket or another) was stored meanwhile: read both again.
      if (!(error instanceof RollupMoved) || attempt >= 12) throw error;
      await contentionPause(attempt);
    }
  }
}
