import { OUTCOME_STATES, type OutcomeState } from '@contract/limits';
import type { ProjectOutcomeRow } from '@contract/project-page';
import { percentText } from '@domain/percent';
import type { CsvCell } from '@shared/csv-text';
import { DELIVERY_UNIT } from '@shared/delivery';
import { formatDay } from '@shared/format';
import { HEALTH_LABEL, HEALTH_SEVERITY } from './figures';

/** Which outcomes the table shows: one state, or all of them. */
export type StateFilter = OutcomeState | 'all';
export const STATE_FILTERS: readonly StateFilter[] = [...OUTCOME_STATES, 'all'];
export const STATE_FILTER_LABEL: Record<StateFilter, string> = {
  active: 'Active',
  achieved: 'Achieved',
  dropped: 'Dropped',
  all: 'All',
};

export const filterOutcomes = (rows: readonly ProjectOutcomeRow[], filter: StateFilter) =>
  filter === 'all' ? [...rows] : rows.filter((r) => r.state === filter);

export type SortKey = 'title' | 'health' | 'delivery' | 'kpi' | 'elapsed' | 'reconciled';
export type SortOrder = 'ASC' | 'DESC';
export interface Sort {
  key: SortKey;
  order: SortOrder;
}
/** Worst health first: what needs a decision comes to the top. */
export const DEFAULT_SORT: Sort = { key: 'health', order: 'DESC' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The value a column sorts by; a figure there is nothing to measure for sorts below every real one. */
const sortValue: Record<Exclude<SortKey, 'title'>, (r: ProjectOutcomeRow) => number> = {
  health: (r) => HEALTH_SEVERITY[r.figures.health],
  delivery: (r) => r.figures.deliveryRatio ?? -1,
  kpi: (r) => r.figures.kpiProgress ?? -1,
  elapsed: (r) => r.figures.timeElapsed ?? -1,
  reconciled: (r) => (r.reconciledAt ? Date.parse(r.reconciledAt) : -1),
};

/**
 * The order of one column: by its value in the chosen direction; ties always go by title, then id,
 * in reading order, so the order never depends on the server's.
 */
function compareBy({ key, order }: Sort) {
  const sign = order === 'ASC' ? 1 : -1;
  return (a: ProjectOutcomeRow, b: ProjectOutcomeRow) => {
    const primary =
      key === 'title'
        ? sign * collator.compare(a.title, b.title)
        : sign * (sortValue[key](a) - sortValue[key](b));
    return primary || collator.compare(a.title, b.title) || a.id.localeCompare(b.id);
  };
}

/** The rows in the order the table shows them. */
export function sortOutcomes(rows: readonly ProjectOutcomeRow[], sort: Sort): ProjectOutcomeRow[] {
  return [...rows].sort(compareBy(sort));
}

const SORT_KEYS: readonly SortKey[] = ['title', 'health', 'delivery', 'kpi', 'elapsed', 'reconciled'];

/**
 * The sort key of each row's cells, handed to the table: positions in `sortOutcomes`'s order, so the
 * table's own sorting (numbers, in the chosen direction) reproduces it exactly, ties included, and the
 * export matches the screen. Columns not sorted by get their ascending positions.
 */
export function sortKeys(
  rows: readonly ProjectOutcomeRow[],
  sort: Sort,
): Map<string, Record<SortKey, number>> {
  const keys = new Map<string, Record<SortKey, number>>(
    rows.map((r) => [r.id, { title: 0, health: 0, delivery: 0, kpi: 0, elapsed: 0, reconciled: 0 }]),
  );
  for (const key of SORT_KEYS) {
    const order = key === sort.key ? sort.order : 'ASC';
    sortOutcomes(rows, { key, order }).forEach((r, i) => {
      const cell = keys.get(r.id);
      if (cell) cell[key] = order === 'ASC' ? i : rows.length - 1 - i;
    });
  }
  return keys;
}

const names = (people: readonly { displayName: string }[]) => people.map((p) => p.displayName).join('; ');
/** A share as a whole-number percentage for a spreadsheet: "35", or empty when there is nothing to measure. */
const percentCell = (share: number | null): CsvCell => {
  const text = percentText(share);
  return text === null ? null : Number(text.slice(0, -1));
};

export const OUTCOMES_CSV_HEADER: readonly string[] = [
  'Outcome',
  'Outcome id',
  'State',
  'Health',
  'Why (health)',
  'Output without outcome',
  'Delivery %',
  'Delivery done',
  'Delivery total',
  'Delivery counted in',
  'Tickets done',
  'Tickets in progress',
  'Tickets to do',
  'Tickets counted',
  'Epics not counted',
  'Subtasks not counted',
  'Unestimated',
  'Overdue',
  'Added after start',
  'KPIs % of the way to target',
  'KPIs',
  'Time elapsed %',
  'Start',
  'Due',
  'Business owner',
  'Technology owner',
  'Who decides',
  'Counts checked against Jira (UTC)',
  'Recounting',
];

/** One row of the outcomes export: every figure the table shows, with the counts behind it. */
export function outcomeCsvRow(r: ProjectOutcomeRow): CsvCell[] {
  const f = r.figures;
  return [
    r.title,
    r.id,
    r.state,
    HEALTH_LABEL[f.health],
    f.explanation,
    f.outputWithoutOutcome ? 'yes' : 'no',
    percentCell(f.deliveryRatio),
    f.deliveryDone,
    f.deliveryTotal,
    DELIVERY_UNIT[f.method].many,
    f.tickets.done,
    f.tickets.inProgress,
    f.tickets.todo,
    f.tickets.total,
    f.excluded.epics,
    f.excluded.subtasks,
    f.method === 'points' ? f.unestimated : null,
    f.overdue,
    f.addedAfterStart,
    percentCell(f.kpiProgress),
    r.kpis.map((k) => `${k.name}: ${k.progressBrief}${k.isDraft ? ' (draft)' : ''}`).join('; '),
    percentCell(f.timeElapsed),
    r.startDate,
    r.dueDate,
    r.businessOwner?.displayName ?? null,
    r.technologyOwner?.displayName ?? null,
    names(r.decides),
    r.reconciledAt,
    r.recomputing ? 'yes' : 'no',
  ];
}

/** "Showing 2 active outcomes of 3." */
export function showingSentence(shown: number, total: number, filter: StateFilter): string {
  const what = filter === 'all' ? '' : `${filter} `;
  return `Showing ${shown} ${what}outcome${shown === 1 ? '' : 's'} of ${total}.`;
}

export const dateRange = (start: string | null, due: string | null) =>
  `${formatDay(start)} → ${formatDay(due)}`;
