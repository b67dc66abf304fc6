import Button from '@atlaskit/button/default/button';
import type { OutcomeState } from '@contract/primitives';
import { ChoiceSelect } from '@shared/components/ChoiceSelect';
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
        <ChoiceSelect
          aria={{ id: `${uid}-project` }}
          testId="filter-project"
          choices={[
            { value: '', label: 'All projects' },
            ...sorted.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` })),
          ]}
          value={filters.projectKey}
          onChange={(projectKey) => onChange({ ...filters, projectKey })}
        />
      </div>
      <div className="ob-field">
        <label className="ob-label" htmlFor={`${uid}-state`}>
          State
        </label>
        <ChoiceSelect<OutcomeState | ''>
          aria={{ id: `${uid}-state` }}
          testId="filter-state"
          choices={[{ value: '', label: 'All states' }, ...STATE_OPTIONS]}
          value={filters.state}
          onChange={(state) => onChange({ ...filters, state })}
        />
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
