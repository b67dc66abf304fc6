import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RollupSettings } from '../../../src/contract/outcome';
import {
  applyContribution,
  contributionOf,
  deliveryRatio,
  emptyTotals,
  mergeTotals,
  overdueCount,
  type RollupTicket,
  type RollupTotals,
  rollupOf,
} from '../../../src/domain/rollup';

const TYPES = ['Epic', 'Story', 'Task', 'Bug', 'Subtask'] as const;
const LEVEL: Record<(typeof TYPES)[number], number> = { Epic: 1, Story: 0, Task: 0, Bug: 0, Subtask: -1 };
const day = fc
  .integer({ min: 0, max: 120 })
  .map((d) => new Date(Date.UTC(2026, 2, 1) + d * 86_400_000).toISOString().slice(0, 10));

/**
 * A ticket tree: an epic's stories and their subtasks. Each serves the outcome through its parent
 * (inheritance) or on its own (its own link, a rule) where the parent does not serve it.
 */
const ticket = (id: number) =>
  fc
    .record({
      type: fc.constantFrom(...TYPES),
      status: fc.constantFrom('new', 'indeterminate', 'done') as fc.Arbitrary<RollupTicket['status']>,
      points: fc.option(fc.constantFrom(0.5, 1, 2, 3, 5, 8, 13), { nil: null }),
      due: fc.option(day, { nil: null }),
      created: day,
      parentServes: fc.boolean(),
      // Jira sets a resolution date when a ticket reaches Done; a done ticket without one (a workflow
      // that never sets a resolution) and a stale date on an open one both happen on real sites.
      resolved: fc.option(day, { nil: null }),
    })
    .map(
      (r): RollupTicket => ({
        id: String(id),
        key: `CHK-${id}`,
        level: LEVEL[r.type],
        issueType: r.type,
        status: r.status,
        points: r.points,
        dueDate: r.due,
        created: `${r.created}T10:00:00.000Z`,
        parentServesOutcome: r.parentServes,
        resolved: r.resolved === null ? null : `${r.resolved}T15:30:00.000+0000`,
      }),
    );
const tickets = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ticket(i + 1))));
const settings: fc.Arbitrary<RollupSettings> = fc.record({
  method: fc.constantFrom('count', 'points', 'weights'),
  countSubtasks: fc.boolean(),
  weights: fc.constantFrom<Record<string, number>>({}, { Bug: 1, Story: 3, Task: 2 }, { Subtask: 0.5 }),
});
const start = fc.option(day, { nil: null });

/**
 * The naive reference: every figure computed on its own, straight from the definition, sharing no
 * code with src/domain/rollup.ts.
 */
/** Subtasks count when asked, or when their parent does not serve the outcome (nothing else counts them). */
const subtaskCounts = (t: RollupTicket, s: RollupSettings) =>
  s.countSubtasks || t.parentServesOutcome === false;

function reference(all: RollupTicket[], s: RollupSettings, outcomeStart: string | null) {
  const counted = all.filter((t) => t.level === 0 || (t.level === -1 && subtaskCounts(t, s)));
  const unit = (t: RollupTicket) =>
    s.method === 'count' ? 1 : s.method === 'points' ? (t.points ?? 0) : (s.weights[t.issueType] ?? 1);
  const sum = (xs: RollupTicket[]) => Math.round(xs.reduce((a, t) => a + unit(t), 0) * 100) / 100;
  const by = (status: RollupTicket['status']) => counted.filter((t) => t.status === status);
  const openDue: Record<string, number> = {};
  for (const t of counted)
    if (t.status !== 'done' && t.dueDate) openDue[t.dueDate] = (openDue[t.dueDate] ?? 0) + 1;
  // The forecasts' history, straight from the definition: units finished and added per day, and
  // epics (or level-0 tickets) reaching Done per day.
  const perDay = (
    xs: RollupTicket[],
    dayOf: (t: RollupTicket) => string,
    size: (t: RollupTicket) => number,
  ) => {
    const out: Record<string, number> = {};
    for (const t of xs) out[dayOf(t)] = Math.round(((out[dayOf(t)] ?? 0) + size(t)) * 100) / 100;
    for (const [d, n] of Object.entries(out)) if (n === 0) delete out[d];
    return out;
  };
  const resolvedDay = (t: RollupTicket) => (t.resolved as string).slice(0, 10);
  const done = all.filter((t) => t.status === 'done' && t.resolved);
  const history = {
    doneByDay: perDay(
      done.filter((t) => counted.includes(t)),
      resolvedDay,
      unit,
    ),
    addedByDay:
      outcomeStart === null
        ? {}
        : perDay(
            counted.filter((t) => t.created.slice(0, 10) >= outcomeStart),
            (t) => t.created.slice(0, 10),
            unit,
          ),
    epicsByDay: perDay(
      done.filter((t) => t.level >= 1),
      resolvedDay,
      () => 1,
    ),
    ticketsByDay: perDay(
      done.filter((t) => t.level === 0),
      resolvedDay,
      () => 1,
    ),
  };
  return {
    history,
    tickets: { new: by('new').length, indeterminate: by('indeterminate').length, done: by('done').length },
    units: { new: sum(by('new')), indeterminate: sum(by('indeterminate')), done: sum(by('done')) },
    excluded: {
      epics: all.filter((t) => t.level >= 1).length,
      subtasks: all.filter((t) => t.level === -1 && !subtaskCounts(t, s)).length,
    },
    unestimated: s.method === 'points' ? counted.filter((t) => t.points === null).length : 0,
    // Of the counted tickets only, from the start day on.
    addedAfterStart:
      outcomeStart === null ? 0 : counted.filter((t) => t.created.slice(0, 10) >= outcomeStart).length,
    openDue,
  };
}

const close = (a: RollupTotals, b: ReturnType<typeof reference>) => {
  expect(a.tickets).toEqual(b.tickets);
  for (const k of ['new', 'indeterminate', 'done'] as const) expect(a.units[k]).toBeCloseTo(b.units[k], 6);
  expect(a.excluded).toEqual(b.excluded);
  expect(a.unestimated).toBe(b.unestimated);
  expect(a.addedAfterStart).toBe(b.addedAfterStart);
  expect(a.openDue).toEqual(b.openDue);
  expect(a.history).toEqual(b.history);
};

describe('the rollup, against a naive reference', () => {
  it('equals the reference on random ticket trees, methods and status mixes', () => {
    fc.assert(
      fc.property(tickets, settings, start, (all, s, st) => {
        close(rollupOf(all, s, st), reference(all, s, st));
      }),
      { numRuns: 300 },
    );
  });

  it('delivery is a share between 0 and 1, or null with no work to measure', () => {
    fc.assert(
      fc.property(tickets, settings, (all, s) => {
        const ratio = deliveryRatio(rollupOf(all, s, null));
        const ref = reference(all, s, null);
        const total = ref.units.new + ref.units.indeterminate + ref.units.done;
        if (total === 0) expect(ratio).toBeNull();
        else expect(ratio).toBeCloseTo(ref.units.done / total, 9);
      }),
    );
  });

  it('counts overdue work for any day from the stored due days', () => {
    fc.assert(
      fc.property(tickets, settings, day, (all, s, today) => {
        const expected = all.filter(
          (t) =>
            (t.level === 0 || (t.level === -1 && subtaskCounts(t, s))) &&
            t.status !== 'done' &&
            t.dueDate !== null &&
            t.dueDate < today,
        ).length;
        expect(overdueCount(rollupOf(all, s, null), today)).toBe(expected);
      }),
    );
  });

  it('rolls up pages separately and merged the same as all at once', () => {
    fc.assert(
      fc.property(tickets, tickets, settings, start, (a, b, s, st) => {
        const renumbered = b.map((t, i) => ({ ...t, id: `b${i}` }));
        close(
          mergeTotals(rollupOf(a, s, st), rollupOf(renumbered, s, st)),
          reference([...a, ...renumbered], s, st),
        );
      }),
    );
  });
});

describe('incremental updates', () => {
  type Event = { kind: 'upsert'; ticket: RollupTicket } | { kind: 'remove'; id: string };
  const events = fc.array(
    fc.oneof(
      ticket(0).chain((t) =>
        fc
          .integer({ min: 1, max: 12 })
          .map((id): Event => ({ kind: 'upsert', ticket: { ...t, id: String(id), key: `CHK-${id}` } })),
      ),
      fc.integer({ min: 1, max: 12 }).map((id): Event => ({ kind: 'remove', id: String(id) })),
    ),
    { maxLength: 60 },
  );

  it('after any sequence of events (with replays) equal a full recompute', () => {
    fc.assert(
      fc.property(events, settings, start, (sequence, s, st) => {
        const current = new Map<string, RollupTicket>();
        let totals = emptyTotals();
        // Each event is applied twice: a replayed trigger must change nothing the second time.
        for (const event of sequence.flatMap((e) => [e, e])) {
          const old = current.get(event.kind === 'upsert' ? event.ticket.id : event.id);
          if (old) totals = applyContribution(totals, contributionOf(old, s, st), -1);
          if (event.kind === 'upsert') {
            current.set(event.ticket.id, event.ticket);
            totals = applyContribution(totals, contributionOf(event.ticket, s, st), 1);
          } else {
            current.delete(event.id);
          }
        }
        close(totals, reference([...current.values()], s, st));
      }),
      { numRuns: 300 },
    );
  });
});
