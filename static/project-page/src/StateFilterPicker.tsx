import type { ProjectOutcomeRow } from '@contract/project-page';
import { useId } from 'react';
import { STATE_FILTER_LABEL, STATE_FILTERS, type StateFilter } from './outcome-table';

/**
 * Which outcomes to show, by state, as native radio buttons (arrow keys move between them) that look like
 * a segmented control. Each choice says how many outcomes it shows.
 */
export function StateFilterPicker({
  value,
  outcomes,
  onChange,
}: {
  value: StateFilter;
  outcomes: readonly ProjectOutcomeRow[];
  onChange: (next: StateFilter) => void;
}) {
  const name = useId();
  const count = (f: StateFilter) =>
    f === 'all' ? outcomes.length : outcomes.filter((o) => o.state === f).length;
  return (
    <fieldset className="ob-segmented" data-testid="state-filter">
      <legend className="ob-label">Show outcomes</legend>
      <div className="ob-segmented__options">
        {STATE_FILTERS.map((f) => (
          <label key={f} className="ob-segmented__option">
            <input
              type="radio"
              name={name}
              value={f}
              checked={value === f}
              onChange={() => onChange(f)}
              data-testid={`state-filter-${f}`}
            />
            <span>
              {STATE_FILTER_LABEL[f]} <span className="ob-segmented__count">({count(f)})</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
