import { describe, expect, it } from 'vitest';
import type { RollupSettings } from '../../../src/contract/outcome';
import { deliveryHistoryOf } from '../../../src/domain/forecast/delivery';
import {
  applyContribution,
  contributionOf,
  emptyTotals,
  type RollupTicket,
  rollupOf,
  ticketsOff,
} from '../../../src/domain/rollup';

const COUNT_PARENTS: RollupSettings = { method: 'count', countSubtasks: false, weights: {} };
const POINTS: RollupSettings = { method: 'points', countSubtasks: false, weights: {} };

const ticket = (overrides: Partial<RollupTicket>): RollupTicket => ({
  id: '1',
  key: 'CHK-1',
  level: 0,
  issueType: 'Story',
  status: 'new',
  points: 3,
  dueDate: null,
  created: '2026-03-01T10:00:00.000Z',
  ...overrides,
});
const subtask = (parentServesOutcome: boolean | undefined) =>
  ticket({ id: '2', key: 'CHK-2', level: -1, issueType: 'Subtask', parentServesOutcome });

describe('subtasks when only parents count', () => {
  it('leaves out a subtask whose parent serves the outcome: the parent counts for it', () => {
    expect(contributionOf(subtask(true), COUNT_PARENTS, null)).toMatchObject({
      included: false,
      excludedAs: 'subtask',
    });
  });

  it('counts a subtask that serves the outcome on its own, its parent not serving it', () => {
    expect(contributionOf(subtask(false), COUNT_PARENTS, null)).toMatchObject({
      included: true,
      excludedAs: null,
      units: 1,
    });
    const totals = rollupOf([ticket({ id: '9', key: 'CHK-9' }), subtask(false)], COUNT_PARENTS, null);
    expect(totals.tickets.new).toBe(2);
    expect(totals.excluded.subtasks).toBe(0);
  });

  it('counts every subtask when subtasks are asked for, whatever its parent serves', () => {
    const all: RollupSettings = { ...COUNT_PARENTS, countSubtasks: true };
    expect(contributionOf(subtask(true), all, null).included).toBe(true);
    expect(contributionOf(subtask(false), all, null).included).toBe(true);
  });
});

describe('how many tickets a correction of the totals stands for', () => {
  const of = (tickets: RollupTicket[], s = POINTS) => rollupOf(tickets, s, '2026-02-01');
  const a = ticket({ id: 'a', status: 'new', points: 3, dueDate: '2026-04-01' });
  const b = ticket({ id: 'b', status: 'done', points: 5 });

  it('is none for equal totals', () => {
    expect(ticketsOff(of([a, b]), of([a, b]))).toBe(0);
  });

  it('counts a ticket that changed status once, not twice', () => {
    expect(ticketsOff(of([a, b]), of([{ ...a, status: 'indeterminate' }, b]))).toBe(1);
  });

  it('counts a ticket missing or extra once', () => {
    expect(ticketsOff(of([a]), of([a, b]))).toBe(1);
    expect(ticketsOff(of([a, b]), of([b]))).toBe(1);
  });

  it('counts corrections that leave the counts by status alone', () => {
    // Points re-estimated.
    expect(ticketsOff(of([a, b]), of([{ ...a, points: 8 }, b]))).toBe(1);
    // Unestimated.
    expect(ticketsOff(of([a, b]), of([{ ...a, points: null }, b]))).toBe(1);
    // Due date moved: overdue counts change.
    expect(ticketsOff(of([a, b]), of([{ ...a, dueDate: '2026-05-01' }, b]))).toBe(1);
    // Created after the outcome's start, or not.
    expect(ticketsOff(of([a, b]), of([{ ...a, created: '2026-01-01T10:00:00.000Z' }, b]))).toBe(1);
    // A subtask now left out because its parent serves too.
    const s = subtask(false);
    expect(
      ticketsOff(of([a, s], COUNT_PARENTS), of([a, { ...s, parentServesOutcome: true }], COUNT_PARENTS)),
    ).toBe(1);
  });

  it('counts many tickets by the largest of what one measure gained and lost', () => {
    const stored = { ...emptyTotals(), tickets: { new: 500, indeterminate: 0, done: 0 } };
    const fresh = applyContribution(
      applyContribution(emptyTotals(), contributionOf(a, POINTS, null), 1),
      contributionOf(b, POINTS, null),
      1,
    );
    expect(ticketsOff(stored, fresh)).toBe(499);
  });
});

describe('added after start: a part of the counted tickets, from the start day on', () => {
  // The outcome starts on 1 March 2026. Worked out by hand: which of these tickets were added after the
  // start, and how many tickets the figures count.
  const start = '2026-03-01';
  const story = (id: string, created: string, extra: Partial<RollupTicket> = {}) =>
    ticket({ id, key: `CHK-${id}`, created, ...extra });
  const tickets = [
    story('1', '2026-02-28T23:59:59.000Z'), // the day before: not added
    story('2', '2026-03-01T00:00:00.000Z'), // the start day itself: added
    story('3', '2026-03-01T18:30:00.000Z'), // later on the start day: added
    story('4', '2026-03-02T08:00:00.000Z'), // after: added
    story('5', '2026-04-01T08:00:00.000Z', { level: 1, issueType: 'Epic' }), // an epic: not counted, not added
    story('6', '2026-04-01T08:00:00.000Z', { level: -1, issueType: 'Subtask', parentServesOutcome: true }), // through its parent
    story('7', '2026-04-01T08:00:00.000Z', { level: -1, issueType: 'Subtask', parentServesOutcome: false }), // counts: added
  ];

  it('counts 4 of the 5 counted tickets, never the epic or a subtask its parent stands for', () => {
    const totals = rollupOf(tickets, COUNT_PARENTS, start);
    expect(totals.tickets.new).toBe(5); // 1, 2, 3, 4 and 7
    expect(totals.addedAfterStart).toBe(4); // 2, 3, 4 and 7
    expect(totals.addedAfterStart).toBeLessThanOrEqual(totals.tickets.new);
  });

  it('counts the subtasks too when the outcome counts them', () => {
    const totals = rollupOf(tickets, { ...COUNT_PARENTS, countSubtasks: true }, start);
    expect(totals.tickets.new).toBe(6);
    expect(totals.addedAfterStart).toBe(5);
  });

  it('is none without a start date', () => {
    expect(rollupOf(tickets, COUNT_PARENTS, null).addedAfterStart).toBe(0);
  });

  it("is the delivery forecast's scope growth: one rule, the same tickets", () => {
    // The forecast reads the counted tickets (1, 2, 3, 4 and 7 here), one unit each.
    const counted = tickets.filter((t) => contributionOf(t, COUNT_PARENTS, start).included);
    const growth = deliveryHistoryOf(
      counted.map((t) => ({ created: t.created, doneOn: null, units: 1 })),
      start,
    ).addedByDay;
    expect(growth).toEqual({ '2026-03-01': 2, '2026-03-02': 1, '2026-04-01': 1 });
    const total = Object.values(growth).reduce((a, b) => a + b, 0);
    expect(total).toBe(rollupOf(tickets, COUNT_PARENTS, start).addedAfterStart);
  });
});
