import Button from '@atlaskit/button/default/button';
import type { OutcomeState } from '@contract/primitives';
import { useId } from 'react';
import type { AdminProject } from './use-admin-page';

export interface Filters {
  projectKey: string;
  state: OutcomeState | '';
}
export const NO_FILTERS: Filters = { projectKey: '', state: '' };

const STATE_OPTIONS: { value: OutcomeState; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'achieved', label: 'Achieved' },
  { value: 'dropped', label: 'Dropped' },
];

const isState = (value: string): value is OutcomeState => STATE_OPTIONS.some((o) => o.value === value);

/** Narrows the list by project and by state. Native selects: light, labelled and keyboard-native. */
export function OutcomeFilters({
  projects,
  filters,
  onChange,
  shown,
  total,
}: {
  projects: AdminProject[];
  filters: Filters;
  onChange: (filters: Filters) => void;
  shown: number;
  total: number;
}) {
  const uid = useId();
  const filtered = filters.projectKey !== '' || filters.state !== '';
  const sorted = [...projects].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <fieldset className="ob-toolbar ob-radios" aria-describedby={`${uid}-count`}>
      <legend className="ob-visually-hidden">Filter outcomes</legend>
      <div className="ob-field">
        <label className="ob-label" htmlFor={`${uid}-project`}>
          Project
        </label>
        <select
          id={`${uid}-project`}
          className="ob-select"
          value={filters.projectKey}
          onChange={(e) => onChange({ ...filters, projectKey: e.currentTarget.value })}
          data-testid="filter-project"
        >
          <option value="">All projects</option>
          {sorted.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name} ({p.key})
            </option>
          ))}
        </select>
      </div>
      <div className="ob-field">
        <label className="ob-label" htmlFor={`${uid}-state`}>
          State
        </label>
        <select
          id={`${uid}-state`}
          className="ob-select"
          value={filters.state}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...filters, state: isState(value) ? value : '' });
          }}
          data-testid="filter-state"
        >
          <option value="">All states</option>
          {STATE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <p className="ob-muted" id={`${uid}-count`} aria-live="polite" data-testid="outcomes-count">
        {filtered
          ? `Showing ${shown} of ${total} outcomes`
          : `${total} ${total === 1 ? 'outcome' : 'outcomes'}`}
      </p>
      {filtered ? (
        <Button appearance="subtle" onClick={() => onChange(NO_FILTERS)} testId="clear-filters">
          Clear filters
        </Button>
      ) : null}
    </fieldset>
  );
}

export const matches = (filters: Filters) => (o: { projectKeys: string[]; state: OutcomeState }) =>
  (filters.projectKey === '' || o.projectKeys.includes(filters.projectKey)) &&
  (filters.state === '' || o.state === filters.state);
