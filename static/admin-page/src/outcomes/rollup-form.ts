import type { AdminPageContract } from '@contract/admin-page';
import { ROLLUP_WEIGHT } from '@contract/limits';
import type { OutputOf } from '@contract/surface';
import { formatNumber, wordList } from '@domain/units';

export type RollupOptions = OutputOf<AdminPageContract, 'outcomes/rollup-options'>;
export type IssueTypeOption = RollupOptions['issueTypes'][number];

const { min: WEIGHT_MIN, max: WEIGHT_MAX } = ROLLUP_WEIGHT;
/** A type without a weight of its own counts like one ticket. */
export const DEFAULT_WEIGHT = 1;

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** The weight typed, as a number, or null when it is not a valid weight. */
export function weightValue(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= WEIGHT_MIN && n <= WEIGHT_MAX ? n : null;
}

/** What is wrong with a typed weight, in words; null when it is fine. */
export function weightError(text: string): string | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return `Give a weight from ${WEIGHT_MIN} to ${WEIGHT_MAX}; 1 counts like any ticket.`;
  if (!NUMBER.test(t)) return `Enter a number from ${WEIGHT_MIN} to ${WEIGHT_MAX}, such as 2 or 0.5.`;
  const n = Number(t);
  if (n < WEIGHT_MIN) return 'A weight cannot be below 0. Use 0 to leave a type out.';
  if (n > WEIGHT_MAX) return `A weight can be at most ${WEIGHT_MAX}.`;
  return null;
}

/**
 * The issue types that get a weight field: standard types always, subtask types only when subtasks count
 * on their own. Epics never count themselves (the work inside them does), so they have no weight.
 */
export function weighableTypes(options: RollupOptions | null, countSubtasks: boolean): IssueTypeOption[] {
  if (!options) return [];
  return options.issueTypes.filter((t) => t.level === 0 || (t.level < 0 && countSubtasks));
}

const article = (name: string) => (/^[aeiou]/i.test(name) ? `an ${name}` : `a ${name}`);

/**
 * A short worked example of the weights as typed, e.g. "A Story counts 3× a Bug or a Task." Types with an
 * invalid weight are left out until it is fixed.
 */
export function weightExample(types: readonly { name: string; text: string }[]): string | null {
  const valid = types.flatMap(({ name, text }) => {
    const weight = weightValue(text);
    return weight === null ? [] : [{ name, weight }];
  });
  if (valid.length === 0) return null;
  const counted = valid.filter((t) => t.weight > 0);
  const ignored = valid.filter((t) => t.weight === 0).map((t) => t.name);
  if (counted.length === 0)
    return 'Every type weighs 0, so no work would count. Give at least one type a weight.';
  const high = Math.max(...counted.map((t) => t.weight));
  const low = Math.min(...counted.map((t) => t.weight));
  const nothing = ignored.length > 0 ? `${wordList(ignored, 'and')} tickets count nothing` : null;
  if (high === low) {
    if (nothing && counted.length === 1) return `Only ${counted[0]?.name} tickets count; ${nothing}.`;
    if (nothing) return `${nothing}; the other types count the same.`;
    return valid.length > 1 ? 'Every type weighs the same, so this counts like “Tickets done”.' : null;
  }
  const heaviest = wordList(
    counted.filter((t) => t.weight === high).map((t) => article(t.name)),
    'or',
  );
  const lightest = wordList(
    counted.filter((t) => t.weight === low).map((t) => article(t.name)),
    'or',
  );
  const ratio = `${heaviest.charAt(0).toUpperCase()}${heaviest.slice(1)} counts ${formatNumber(high / low, 2)}× ${lightest}.`;
  return nothing ? `${ratio} ${nothing}.` : ratio;
}
