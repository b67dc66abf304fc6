import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RollupSettings } from '../../../src/contract/outcome';
import { emptyLinks, type LinksProperty, putOwnLink } from '../../../src/domain/links';
import type { ChangesJob } from '../../../src/domain/nightly-plan';
import type { Outcome } from '../../../src/domain/outcome';
import {
  newReconcile,
  type ReconcileJob,
  type ReconcileState,
  resumed,
} from '../../../src/domain/reconcile-run';
import {
  addInPlace,
  contributionOf,
  emptyTotals,
  type RollupEntry,
  type RollupTicket,
  rollupOf,
} from '../../../src/domain/rollup';
import { blankRollup, type StoredRollup } from '../../../src/platform/storage/rollup-repository';
import { type ChangesPort, runChangesCheck } from '../../../src/use-cases/changes-check';
import { runReconcile } from '../../../src/use-cases/reconcile-executor';
import { forgetTicketIn, refreshTicket, type TicketRollupPort } from '../../../src/use-cases/rollup-executor';

/**
 * The reconciliation's executor and pure step, and the live updates (`refreshTicket`, `forgetTicketIn`),
 * against a store of the test's own instead of Jira and Forge storage: a real sandbox would make a few
 * hundred random histories take minutes. The store keeps Forge's guarded-write semantics (a write holds
 * only if the rollup is still at the version read and each entry exists, or not, as read), so live updates
 * that arrive between the run's reads and writes make its writes fail and retry as they would in Forge.
 *
 * A history: people change tickets (status, points, type, links, project, deletion); each change's issue
 * event is delivered at once, missed, held back to arrive later in any order, or delivered twice. Then the
 * reconciliation runs, in events of random length, some delivered twice, some failing midway (Forge
 * delivers them again), while the held-back events arrive between any two of its calls.
 */

const NOW = new Date('2026-06-15T09:00:00.000Z');
/** Tickets were last updated two days before the history, which takes a minute a change before NOW. */
const CREATED_BEFORE_HISTORY = NOW.getTime() - 2 * 24 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const OUTCOME = 'outcome-1';
const TYPES = [
  ['Epic', 1],
  ['Story', 0],
  ['Bug', 0],
  ['Subtask', -1],
] as const;

interface Ticket {
  id: string;
  key: string;
  projectKey: string;
  type: number;
  status: RollupTicket['status'];
  points: number | null;
  dueDate: string | null;
  linked: boolean;
  deleted: boolean;
  /** Its inheritance lost its source (a parent deleted or unlinked, no event): the port says so. */
  lostSource: boolean;
  /** Jira's `updated` (ms): moved by a change of its fields, not by a write of its links property. */
  updated: number;
}

const ownLink = { outcomeId: OUTCOME, kpiIds: [], note: '', rice: null, linkedBy: 'p', linkedAt: 'x' };
const linksOf = (t: Ticket): LinksProperty => (t.linked ? putOwnLink(emptyLinks(), ownLink) : emptyLinks());

const rollupTicketOf = (t: Ticket): RollupTicket => {
  const [issueType, level] = TYPES[t.type] ?? TYPES[1];
  return {
    id: t.id,
    key: t.key,
    level,
    issueType,
    status: t.status,
    points: t.points,
    dueDate: t.dueDate,
    // Created before and after the start (15 May), and a done day that moves when the points change, so
    // the forecasts' history (work finished, added and shipped by day) is corrected like the counts.
    created: `2026-05-${String(10 + ((Number.parseInt(t.id.replace(/\D/g, ''), 10) || 0) % 10)).padStart(2, '0')}T00:00:00.000Z`,
    resolved: t.status === 'done' ? `2026-06-0${1 + ((t.points ?? 0) % 9)}T12:00:00.000+0000` : null,
  };
};

const sumOf = (entries: Iterable<RollupEntry>) => {
  const totals = emptyTotals();
  for (const e of entries) addInPlace(totals, e.contribution);
  return totals;
};

/** Serving the outcome, as the app counts it: not deleted, linked, in the outcome's project. */
const serving = (t: Ticket) => !t.deleted && t.linked && t.projectKey === 'CHK';

const outcomeWith = (rollup: RollupSettings): Outcome => ({
  id: OUTCOME,
  title: 'Lift repeat purchases',
  statement: 'Returning customers buy more often.',
  projectKeys: ['CHK'],
  businessOwnerId: 'priya',
  technologyOwnerId: 'maya',
  startDate: '2026-05-15',
  dueDate: '2026-09-30',
  state: 'active',
  parentId: null,
  roles: { decides: ['priya'], advises: [], escalatedTo: [] },
  rollup,
  version: 1,
  createdAt: NOW.toISOString(),
  createdBy: 'priya',
  updatedAt: NOW.toISOString(),
  updatedBy: 'priya',
});

const settingsArb: fc.Arbitrary<RollupSettings> = fc.record({
  method: fc.constantFrom('count', 'points', 'weights'),
  countSubtasks: fc.boolean(),
  weights: fc.constant({ Bug: 2, Story: 3 }),
});

const ticketArb = fc.record({
  inside: fc.boolean(),
  type: fc.integer({ min: 0, max: 3 }),
  status: fc.constantFrom<RollupTicket['status']>('new', 'indeterminate', 'done'),
  points: fc.option(fc.constantFrom(1, 2, 3, 5), { nil: null }),
  due: fc.option(fc.constantFrom('2026-06-01', '2026-07-01'), { nil: null }),
  linked: fc.boolean(),
  lostSource: fc.boolean(),
});

const changeArb = fc.record({
  ticket: fc.nat(),
  what: fc.constantFrom('status', 'points', 'type', 'link', 'unlink', 'move', 'delete'),
  value: fc.nat(),
  event: fc.constantFrom('delivered', 'missed', 'held', 'held', 'twice'),
});

const historyArb = fc.record({
  settings: settingsArb,
  tickets: fc.array(ticketArb, { minLength: 1, maxLength: 14 }),
  changes: fc.array(changeArb, { minLength: 1, maxLength: 30 }),
  /** The order the held-back events arrive in. */
  order: fc.array(fc.nat(), { maxLength: 25 }),
  /** Whether a held-back event arrives before each call of the store, counted from the run's start. */
  arrivals: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
  /** Time left at each check an event makes (ms): over 15 s goes on; under, the run queues itself again. */
  time: fc.array(fc.constantFrom(60_000, 60_000, 1_000), { maxLength: 30 }),
  /** Jira searches that fail (the event fails, and Forge delivers it again). */
  failures: fc.uniqueArray(fc.nat({ max: 30 }), { maxLength: 3 }),
  /** Reconciliation events the queue delivers twice. */
  twice: fc.array(fc.boolean(), { maxLength: 20 }),
  pageSize: fc.integer({ min: 1, max: 4 }),
  sweepSize: fc.integer({ min: 1, max: 4 }),
});
type History = typeof historyArb extends fc.Arbitrary<infer H> ? H : never;

type IssueEvent = { type: 'update'; key: string } | { type: 'delete'; id: string };

class JiraDown extends Error {}

/** The emulated site and storage for one history, and the app's code running against them. */
function siteFor(h: History) {
  const tickets: Ticket[] = h.tickets.map((t, i) => ({
    id: String(100 + i),
    key: `CHK-${i}`,
    projectKey: t.inside ? 'CHK' : 'OTH',
    type: t.type,
    status: t.status,
    points: t.points,
    dueDate: t.due,
    linked: t.linked,
    deleted: false,
    lostSource: t.lostSource,
    updated: CREATED_BEFORE_HISTORY,
  }));
  const outcome = outcomeWith(h.settings);
  const store = {
    rollup: null as StoredRollup | null,
    entries: new Map<string, RollupEntry>(),
    state: null as ReconcileState | null,
    queue: [] as ReconcileJob[],
    changes: [] as ChangesJob[],
    snapshots: 0,
    /** Batches of entries the sweep read. */
    sweeps: 0,
    /** Writes after which the totals were not the sum of the entries (every write must keep them so). */
    offSum: 0,
    /** Tickets the run asked to have repaired. */
    repaired: new Set<string>(),
  };
  const held: IssueEvent[] = [];
  let calls = 0;
  let searches = 0;
  /** Held-back events being processed now: one may arrive in the middle of another, not deeper. */
  let arriving = 0;

  /** Before a call of the run, the held-back event scripted for that moment arrives and is processed. */
  const arrive = async () => {
    calls++;
    if (arriving > 1 || held.length === 0 || !h.arrivals[calls]) return;
    arriving++;
    try {
      const [event] = held.splice((h.order[calls % Math.max(1, h.order.length)] ?? 0) % held.length, 1);
      if (event) await deliver(event);
    } finally {
      arriving--;
    }
  };
  const jiraSearch = () => {
    if (h.failures.includes(searches++)) throw new JiraDown('Jira is not answering');
  };
  const pageOf = <T>(list: readonly T[], token: string | null, size: number) => {
    const from = token ? Number(token) : 0;
    return {
      page: list.slice(from, from + size),
      next: from + size < list.length ? String(from + size) : null,
    };
  };
  const read = (t: Ticket) => ({
    ticket: rollupTicketOf(t),
    links: linksOf(t),
    projectKey: t.projectKey,
    inheritanceLost: t.lostSource,
  });

  const port: ChangesPort & TicketRollupPort = {
    getRollup: async () => {
      await arrive();
      return store.rollup;
    },
    readRollup: async (outcomeId, basis) => {
      await arrive();
      return store.rollup ?? blankRollup(outcomeId, basis);
    },
    getEntry: async (_outcomeId, issueId) => {
      await arrive();
      return store.entries.get(issueId) ?? null;
    },
    entriesOf: async (_outcomeId, issueIds) => {
      await arrive();
      return new Map(issueIds.flatMap((id) => store.entries.get(id) ?? []).map((e) => [e.issueId, e]));
    },
    entriesOfIssue: async (issueId) => {
      await arrive();
      return store.entries.has(issueId) ? [store.entries.get(issueId) ?? []].flat() : [];
    },
    entryPage: async (_outcomeId, cursor) => {
      await arrive();
      store.sweeps++;
      const all = [...store.entries.values()].sort((a, b) => a.issueId.localeCompare(b.issueId));
      const { page, next } = pageOf(all, cursor, h.sweepSize);
      return { entries: page, nextCursor: next };
    },
    sumOfEntries: async () => {
      await arrive();
      return { totals: sumOf(store.entries.values()) };
    },
    writeEntries: async (rollup, totals, changes, at, patch = {}) => {
      await arrive();
      if ((store.rollup?.version ?? 0) !== rollup.version) return false;
      if (changes.some((c) => store.entries.has(c.issueId) !== (c.previous !== null))) return false;
      const version = rollup.version + 1;
      store.rollup = { ...rollup, ...patch, totals, version, updatedAt: at.toISOString() };
      for (const c of changes) {
        if (!c.next) store.entries.delete(c.issueId);
        else
          store.entries.set(c.issueId, {
            outcomeId: c.outcomeId,
            issueId: c.issueId,
            issueKey: c.issueKey,
            contribution: c.next,
            rollupVersion: version,
          });
      }
      if (!isDeepStrictEqual(totals, sumOf(store.entries.values()))) store.offSum++;
      return true;
    },
    removeEntries: async (list) => {
      for (const e of list) store.entries.delete(e.issueId);
    },
    entriesPerWrite: 3,
    pause: async () => {},
    ticketNow: async (issueKey) => {
      await arrive();
      const t = tickets.find((x) => x.key === issueKey && !x.deleted);
      return t ? read(t) : null;
    },
    getOutcomes: async (ids) => new Map(ids.includes(OUTCOME) ? [[OUTCOME, outcome]] : []),
    linkScopes: async (ids) =>
      new Map(
        [...ids].filter((id) => id === OUTCOME).map((id) => [id, { projectKeys: ['CHK'], kpiIds: null }]),
      ),
    getState: async () => store.state,
    saveState: async (state) => {
      store.state = state;
    },
    clearState: async () => {
      store.state = null;
    },
    getOutcome: async () => outcome,
    kpiIdsOf: async () => new Set<string>(),
    ticketsPage: async (_outcome, scope, pageToken, now) => {
      await arrive();
      jiraSearch();
      const created = (t: Ticket) => Date.parse(rollupTicketOf(t).created);
      const inScope = (t: Ticket) =>
        'updatedWithinMinutes' in scope
          ? t.updated >= now.getTime() - scope.updatedWithinMinutes * 60_000
          : scope.createdMinutesAgo === null ||
            created(t) <= now.getTime() - scope.createdMinutesAgo * 60_000;
      // Every ticket whose links name the outcome, in any project, as `servesOutcome` finds them, newest
      // first (ties by key, as Jira breaks them).
      const { page, next } = pageOf(
        tickets
          .filter((t) => !t.deleted && t.linked && inScope(t))
          .sort((a, b) => created(b) - created(a) || a.key.localeCompare(b.key)),
        pageToken,
        h.pageSize,
      );
      return { tickets: page.map(read), nextPageToken: next };
    },
    enqueueChanges: async (job) => {
      store.changes.push(job);
    },
    ticketsNow: async (_outcome, issueIds) => {
      await arrive();
      jiraSearch();
      return tickets.filter((t) => issueIds.includes(t.id) && !t.deleted && t.linked).map(read);
    },
    stillServing: async (_outcome, issueIds) => {
      await arrive();
      jiraSearch();
      return new Set(tickets.filter((t) => issueIds.includes(t.id) && serving(t)).map((t) => t.id));
    },
    repair: async (issueKeys) => {
      for (const key of issueKeys) store.repaired.add(key);
    },
    enqueue: async (job) => {
      store.queue.push(job);
    },
    snapshot: async () => {
      store.snapshots++;
    },
  };
  const deliver = (e: IssueEvent) =>
    e.type === 'update' ? refreshTicket(port, e.key, NOW) : forgetTicketIn(port, e.id, NOW);

  let clock = 0;
  const remainingMs = () => h.time[clock++ % Math.max(1, h.time.length)] ?? 60_000;

  /** People change tickets; each change's event is delivered, missed, held back, or delivered twice. */
  async function history() {
    // Created while the app watched: every ticket's first event arrived.
    for (const t of tickets) await deliver({ type: 'update', key: t.key });
    for (const [i, change] of h.changes.entries()) {
      const t = tickets[change.ticket % Math.max(1, tickets.length)];
      if (!t || t.deleted) continue;
      // A change of the ticket's fields moves `updated`; a write of its links property does not.
      if (change.what !== 'link' && change.what !== 'unlink')
        t.updated = NOW.getTime() - (h.changes.length - i) * 60_000;
      if (change.what === 'status')
        t.status = (['new', 'indeterminate', 'done'] as const)[change.value % 3] ?? 'new';
      if (change.what === 'points') t.points = change.value % 4 === 0 ? null : change.value % 8;
      if (change.what === 'type') t.type = change.value % TYPES.length;
      if (change.what === 'link') t.linked = true;
      if (change.what === 'unlink') t.linked = false;
      if (change.what === 'move') t.projectKey = t.projectKey === 'CHK' ? 'OTH' : 'CHK';
      if (change.what === 'delete') t.deleted = true;
      const event: IssueEvent = t.deleted ? { type: 'delete', id: t.id } : { type: 'update', key: t.key };
      if (change.event === 'held') held.push(event);
      if (change.event === 'delivered' || change.event === 'twice') await deliver(event);
      if (change.event === 'twice') held.push(event);
    }
  }

  /** The reconciliation, queued and delivered until its queue is empty; false if it never settles. */
  async function reconcile(reason: ReconcileState['reason'], now = NOW) {
    store.state = newReconcile('run-1', OUTCOME, reason, now);
    return deliverRuns(now);
  }

  /** The queued runs, delivered (some twice, some failing and delivered again) until none is left. */
  async function deliverRuns(now: Date) {
    calls = 0; // the arrivals are counted from the run's first call
    store.queue.push({ type: 'reconcile', outcomeId: OUTCOME, runId: store.state?.runId ?? '' });
    for (let i = 0; i < 500; i++) {
      const job = store.queue.shift();
      if (!job) return true;
      if (h.twice[i]) store.queue.push(job);
      try {
        await runReconcile(job, port, remainingMs, now);
      } catch (error) {
        if (!(error instanceof JiraDown)) throw error;
        store.queue.push(job); // Forge delivers a failed event again
      }
    }
    return false;
  }

  /** A night's changes check, its events delivered until done (a failed one delivered again). */
  async function changesCheck(now: Date) {
    calls = 0;
    const since = store.rollup?.changesCheckedAt ?? store.rollup?.reconciledAt ?? null;
    store.changes.push({
      type: 'changes',
      outcomeId: OUTCOME,
      since,
      startedAt: now.toISOString(),
      windowMinutes: null,
      pageToken: null,
    });
    for (let i = 0; i < 500; i++) {
      const job = store.changes.shift();
      if (!job) return true;
      try {
        await runChangesCheck(job, port, remainingMs, now);
      } catch (error) {
        if (!(error instanceof JiraDown)) throw error;
        store.changes.push(job);
      }
    }
    return false;
  }

  /**
   * Nights as the nightly check runs them, a day apart from NOW: a changes check, and the full pass with
   * `share` tickets a night, parked and resumed, until it ends. The nights it took; null if it never did.
   */
  const sweepParks = { count: 0 };
  async function nights(share: number) {
    for (let night = 0; night < 60; night++) {
      const now = new Date(NOW.getTime() + night * DAY_MS);
      if (!(await changesCheck(now))) return null;
      store.state =
        night === 0 || store.state === null
          ? newReconcile('run-1', OUTCOME, 'check', now, share)
          : resumed(store.state, share, now);
      if (!(await deliverRuns(now))) return null;
      if (store.state === null) return night + 1;
      if (store.state.parked && store.state.phase === 'sweep') sweepParks.count++;
    }
    return null;
  }

  /** The rest of the held-back events, in the scripted order, others arriving in the middle of each. */
  async function drainHeld() {
    calls = 0;
    for (let i = 0; held.length > 0; i++) {
      const [event] = held.splice((h.order[i % Math.max(1, h.order.length)] ?? 0) % held.length, 1);
      if (event) await deliver(event);
    }
  }

  /** What a full recount of the site gives: every serving ticket's contribution, and their sum. */
  const recount = () => {
    const counted = tickets
      .filter(serving)
      .map((t) => ({ ...rollupTicketOf(t), parentServesOutcome: false }));
    return {
      totals: rollupOf(counted, outcome.rollup, outcome.startDate),
      entries: new Map(counted.map((t) => [t.id, contributionOf(t, outcome.rollup, outcome.startDate)])),
    };
  };
  const storedEntries = () => new Map([...store.entries].map(([id, e]) => [id, e.contribution]));

  /** What the run must have repaired: every ticket it finds naming the outcome outside its project, or whose inheritance lost its source. */
  const mustRepair = () =>
    new Set(
      tickets
        .filter((t) => !t.deleted && t.linked && (t.projectKey !== 'CHK' || t.lostSource))
        .map((t) => t.key),
    );
  return {
    store,
    history,
    reconcile,
    changesCheck,
    nights,
    sweepParks,
    drainHeld,
    recount,
    storedEntries,
    mustRepair,
  };
}

describe('the reconciliation as a pure step with a small executor (properties)', () => {
  it('live updates alone, none missed, in any order, overlapping and repeated, equal a full recount', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (h) => {
        const noneMissed = {
          ...h,
          // Held back, most of them, so that many arrive while another is between its read and its write.
          changes: h.changes.map((c) => ({ ...c, event: c.event === 'twice' ? c.event : ('held' as const) })),
        };
        const site = siteFor(noneMissed);
        await site.history();
        await site.drainHeld();
        const truth = site.recount();
        expect(site.storedEntries()).toEqual(truth.entries);
        expect(site.store.rollup?.totals ?? emptyTotals()).toEqual(truth.totals);
        expect(site.store.offSum).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('after any history of missed, reordered and repeated events, a reconciliation equals a full recount', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (h) => {
        const site = siteFor(h);
        await site.history();
        expect(await site.reconcile('check')).toBe(true);
        const truth = site.recount();
        expect(site.store.rollup?.totals ?? emptyTotals()).toEqual(truth.totals);
        expect(site.storedEntries()).toEqual(truth.entries);
        // Held-back events still arriving after the run read the site as it is, and change nothing.
        await site.drainHeld();
        expect(site.store.rollup?.totals ?? emptyTotals()).toEqual(truth.totals);
        expect(site.store.state).toBeNull();
        // Every write, the live updates' and the run's, kept the totals the sum of the entries.
        expect(site.store.offSum).toBe(0);
        expect(site.store.rollup?.reconciledAt).toBe(NOW.toISOString());
        expect(site.store.snapshots).toBeGreaterThanOrEqual(1);
        // Repaired: exactly the tickets whose links the app would not have made as they are.
        expect(site.store.repaired).toEqual(site.mustRepair());
      }),
      { numRuns: 150 },
    );
  });

  it('corrects nothing and sweeps nothing when every event was delivered once', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (h) => {
        const delivered = { ...h, changes: h.changes.map((c) => ({ ...c, event: 'delivered' as const })) };
        const site = siteFor(delivered);
        await site.history();
        expect(await site.reconcile('check')).toBe(true);
        expect(site.store.rollup?.lastDrift?.corrected ?? 0).toBe(0);
        expect(site.store.rollup?.lastDrift?.tickets ?? 0).toBe(site.recount().entries.size);
        // The stored totals count as many tickets as the run found with an entry: no entry can be stray.
        expect(site.store.sweeps).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('counts at least one correction for each entry a missed event left wrong', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (h) => {
        // Events only delivered or missed, and no failing event: a retried event finds the entries its
        // first try corrected already right, and does not count them again.
        const noneHeld = {
          ...h,
          failures: [],
          changes: h.changes.map((c) => ({
            ...c,
            event: c.event === 'missed' ? c.event : ('delivered' as const),
          })),
        };
        const site = siteFor(noneHeld);
        await site.history();
        const before = site.storedEntries();
        const truth = site.recount().entries;
        const wrong = [...new Set([...before.keys(), ...truth.keys()])].filter(
          (id) => JSON.stringify(before.get(id) ?? null) !== JSON.stringify(truth.get(id) ?? null),
        ).length;
        expect(await site.reconcile('check')).toBe(true);
        expect(site.store.rollup?.lastDrift?.corrected ?? 0).toBe(wrong);
      }),
      { numRuns: 100 },
    );
  });

  it('a changes check equals a full recount when only field changes were missed (links and deletions reached the app, maybe late)', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (h) => {
        // What leaves `updated` alone (a links write, a deletion) is never missed here, only reordered or
        // repeated: the full pass's part (see the next property). Field changes' events may be missed.
        const site = siteFor({
          ...h,
          changes: h.changes.map((c) =>
            ['link', 'unlink', 'delete'].includes(c.what) && c.event === 'missed'
              ? { ...c, event: 'held' as const }
              : c,
          ),
        });
        await site.history();
        expect(await site.changesCheck(NOW)).toBe(true);
        await site.drainHeld();
        const truth = site.recount();
        expect(site.storedEntries()).toEqual(truth.entries);
        expect(site.store.rollup?.totals ?? emptyTotals()).toEqual(truth.totals);
        expect(site.store.offSum).toBe(0);
        expect(site.store.rollup?.changesCheckedAt).toBe(NOW.toISOString());
        expect(site.store.snapshots).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  it('a full pass spread over nights, with a changes check each night, ends equal to a full recount', async () => {
    let spread = 0;
    let sweptOverNights = 0;
    await fc.assert(
      fc.asyncProperty(historyArb, fc.integer({ min: 1, max: 5 }), async (h, share) => {
        const site = siteFor(h);
        await site.history();
        const took = await site.nights(share);
        expect(took).not.toBeNull();
        if ((took ?? 0) > 1) spread++;
        if (site.sweepParks.count > 0) sweptOverNights++;
        const truth = site.recount();
        expect(site.store.rollup?.totals ?? emptyTotals()).toEqual(truth.totals);
        expect(site.storedEntries()).toEqual(truth.entries);
        await site.drainHeld();
        expect(site.store.rollup?.totals ?? emptyTotals()).toEqual(truth.totals);
        expect(site.store.offSum).toBe(0);
        expect(site.store.repaired).toEqual(site.mustRepair());
      }),
      { numRuns: 150 },
    );
    // The property is about passes that parked: most histories are larger than a night's share.
    expect(spread).toBeGreaterThan(20);
    // And about sweeps that, like the reading, stop when the night's share is spent and go on the next.
    expect(sweptOverNights).toBeGreaterThan(2);
  });
});
