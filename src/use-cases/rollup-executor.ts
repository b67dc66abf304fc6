import { type LinkScope, type LinksProperty, outcomesNamedBy, trustedLinks } from '../domain/links';
import type { Outcome } from '../domain/outcome';
import {
  type Contribution,
  contributionOf,
  type RollupEntry,
  type RollupTicket,
  type RollupTotals,
  replaceContribution,
  rollupBasis,
  sameContribution,
} from '../domain/rollup';
import type { EntryChange, StoredRollup } from '../platform/storage/rollup-repository';

/**
 * The rollup storage the rollup's writers use (`src/platform/storage/rollup-repository.ts` in the app; a
 * store of their own in the property tests). Every write of an entry goes through `writeEntries`, which
 * holds only if the rollup is still at the version read, so no update is lost or counted twice.
 */
export interface RollupStore {
  getRollup(outcomeId: string): Promise<StoredRollup | null>;
  /** The rollup as read, or a blank one (version 0) that the first write creates. */
  readRollup(outcomeId: string, basis: string): Promise<StoredRollup>;
  getEntry(outcomeId: string, issueId: string): Promise<RollupEntry | null>;
  entriesOf(outcomeId: string, issueIds: readonly string[]): Promise<Map<string, RollupEntry>>;
  entriesOfIssue(issueId: string): Promise<RollupEntry[]>;
  entryPage(
    outcomeId: string,
    cursor: string | null,
  ): Promise<{ entries: RollupEntry[]; nextCursor: string | null }>;
  sumOfEntries(outcomeId: string): Promise<{ totals: RollupTotals }>;
  /** False when the rollup moved since it was read (another writer got in first): nothing was written. */
  writeEntries(
    rollup: StoredRollup,
    totals: RollupTotals,
    changes: readonly EntryChange[],
    at: Date,
    patch?: Partial<Pick<StoredRollup, 'basis' | 'reconciledAt' | 'changesCheckedAt' | 'lastDrift'>>,
  ): Promise<boolean>;
  /** Entries removed without touching the totals: only for an outcome being deleted. */
  removeEntries(list: { outcomeId: string; issueId: string }[]): Promise<void>;
  /** How many entries one write may hold besides the rollup. */
  entriesPerWrite: number;
  /** A short, growing wait before a write is tried again. */
  pause(attempt: number): Promise<void>;
}

/** Writes a rollup another writer keeps overtaking gives up after this many tries; the event is retried. */
export const MAX_WRITE_TRIES = 12;

export const overtaken = () => new Error('The rollup changed meanwhile.');

/**
 * Replaces a ticket's stored contribution to one outcome with `next` and moves the totals by the
 * difference. Each attempt reads the rollup first and the ticket's entry after it, and writes only if the
 * rollup is still at that version (see writeEntries): a concurrent update of the same ticket or outcome
 * makes the write fail, and the retry takes back what that update stored, never what was there before it.
 */
export async function adjust(
  store: RollupStore,
  outcomeId: string,
  outcome: Outcome | null,
  ticket: Pick<RollupTicket, 'id' | 'key'>,
  next: Contribution | null,
  now: Date,
): Promise<void> {
  if (!outcome) {
    // The outcome was deleted: its entry goes, and no totals are written (that would bring its rollup
    // back after the deletion's clean-up removed it).
    await store.removeEntries([{ outcomeId, issueId: ticket.id }]);
    return;
  }
  for (let attempt = 1; ; attempt++) {
    const rollup = await store.readRollup(outcomeId, rollupBasis(outcome));
    const previous = await store.getEntry(outcomeId, ticket.id);
    if (sameContribution(previous?.contribution ?? null, next)) return;
    const totals = replaceContribution(rollup.totals, previous?.contribution ?? null, next);
    const change = { outcomeId, issueId: ticket.id, issueKey: ticket.key, previous, next };
    if (await store.writeEntries(rollup, totals, [change], now)) return;
    // Another update of this outcome (this ticket or another) was stored meanwhile: read both again.
    if (attempt >= MAX_WRITE_TRIES) throw overtaken();
    await store.pause(attempt);
  }
}

/** A ticket as Jira has it now, for its rollups: its facts, its links as read, and its project. */
export interface TicketNow {
  ticket: RollupTicket;
  links: LinksProperty;
  projectKey: string;
}

/** What bringing one ticket's rollups up to date reads besides the rollup storage. */
export interface TicketRollupPort extends RollupStore {
  /** The ticket with the fields a rollup reads; null once it is deleted (its delete event handles it). */
  ticketNow(issueKey: string): Promise<TicketNow | null>;
  getOutcomes(ids: readonly string[]): Promise<Map<string, Outcome>>;
  linkScopes(ids: Iterable<string>, known: ReadonlyMap<string, Outcome>): Promise<Map<string, LinkScope>>;
}

/**
 * Brings the stored rollups of every outcome a ticket serves (or served) in line with the ticket as
 * Jira has it now. Idempotent and order-tolerant: it reads current state and adjusts each outcome's
 * totals by the difference from the ticket's stored contribution, so replays change nothing.
 */
export async function refreshTicket(port: TicketRollupPort, issueKey: string, now: Date): Promise<void> {
  const read = await port.ticketNow(issueKey);
  if (!read) return;
  const { ticket } = read;
  // The by-issue index only says which outcomes may hold an entry; each entry is read again by key below.
  const previously = (await port.entriesOfIssue(ticket.id)).map((e) => e.outcomeId);
  const outcomes = await port.getOutcomes([...outcomesNamedBy(read.links), ...previously]);
  // The property is user data: only links the app trusts count (an outcome covering the ticket's project).
  const scopes = await port.linkScopes(outcomes.keys(), outcomes);
  const { links } = trustedLinks(read.links, read.projectKey, (id) => scopes.get(id));
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
    await adjust(port, outcomeId, outcome, ticket, next, now);
  }
}

/** A deleted ticket leaves every outcome it served. */
export async function forgetTicketIn(port: TicketRollupPort, issueId: string, now: Date): Promise<void> {
  for (const entry of await port.entriesOfIssue(issueId)) {
    const outcome = (await port.getOutcomes([entry.outcomeId])).get(entry.outcomeId) ?? null;
    await adjust(port, entry.outcomeId, outcome, { id: issueId, key: entry.issueKey }, null, now);
  }
}
