import type { RollupMethod } from '@contract/limits';
import type { RollupSettings } from '@contract/outcome';
import { formatNumber } from '@domain/units';

/** What each method is called on screen. */
export const METHOD_LABEL: Record<RollupMethod, string> = {
  count: 'Tickets done',
  points: 'Story points',
  weights: 'Weighted by type',
};

const MEASURED_BY: Record<RollupMethod, string> = {
  count: 'tickets done',
  points: 'story points',
  weights: 'weight per issue type',
};

/** The weights an outcome sets, in words: "Story 3, Bug 0; other types 1". */
function weightsInWords(weights: Record<string, number>): string {
  const listed = Object.entries(weights).filter(([, w]) => w !== 1);
  if (listed.length === 0) return 'every type 1';
  return `${listed.map(([type, w]) => `${type} ${formatNumber(w, 2)}`).join(', ')}; other types 1`;
}

/**
 * An outcome's rollup settings in one sentence, e.g. "Delivery measured by story points; subtasks count
 * through their parents."
 */
export function describeRollup(rollup: RollupSettings): string {
  const how =
    rollup.method === 'weights'
      ? `Delivery measured by ${MEASURED_BY.weights} (${weightsInWords(rollup.weights)})`
      : `Delivery measured by ${MEASURED_BY[rollup.method]}`;
  const subtasks = rollup.countSubtasks
    ? 'subtasks count on their own'
    : 'subtasks count through their parents';
  return `${how}; ${subtasks}.`;
}
