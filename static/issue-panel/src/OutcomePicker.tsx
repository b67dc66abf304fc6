import Button from '@atlaskit/button/default/button';
import { Text } from '@atlaskit/primitives/compiled/text';
import Textfield from '@atlaskit/textfield';
import type { FieldError } from '@contract/envelope';
import type { KpiSummary, OutcomeCard } from '@contract/issue-panel';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { LinkDetailsForm } from './LinkDetailsForm';
import { emptyLinkForm, type LinkForm } from './link-input';
import { useOutcomeCandidates } from './use-panel';

type Candidate = OutcomeCard & { kpis: KpiSummary[] };

interface Props {
  issueKey: string;
  busy: boolean;
  fieldErrors: FieldError[];
  onLink: (outcomeId: string, form: LinkForm, title: string) => void;
  onClose: () => void;
}

/**
 * Finds an outcome of the ticket's project (a combobox: type to filter, arrows to move, Enter to choose,
 * Escape to close), then asks which KPIs the ticket moves and why.
 */
export function OutcomePicker({ issueKey, busy, fieldErrors, onLink, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [index, setIndex] = useState(0);
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const listId = useId();
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 200);
    return () => clearTimeout(t);
  }, [query]);
  const { state, reload } = useOutcomeCandidates(issueKey, debounced);
  const options: Candidate[] = state.status === 'ready' ? state.data.outcomes : [];
  const current = options[Math.min(index, options.length - 1)];

  if (chosen) {
    return (
      <LinkDetailsForm
        outcomeTitle={chosen.title}
        kpis={chosen.kpis}
        initial={emptyLinkForm()}
        submitLabel="Link"
        busy={busy}
        fieldErrors={fieldErrors}
        onSubmit={(form) => onLink(chosen.id, form, chosen.title)}
        onCancel={() => setChosen(null)}
      />
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setIndex((i) => Math.min(i + 1, Math.max(options.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setIndex((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      setChosen(current);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div className="ob-stack ob-stack--tight">
      <Textfield
        autoFocus
        aria-label="Search outcomes"
        placeholder="Search outcomes of this project"
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setIndex(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
      />
      {state.status === 'loading' ? <LoadingState label="Finding outcomes" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' && options.length === 0 ? (
        <Text color="color.text.subtle">
          {debounced
            ? `No active outcome of this project matches "${debounced}".`
            : 'No active outcome of this project is left to link. An admin can create one on the Outcome Bridge admin page.'}
        </Text>
      ) : null}
      <div role="listbox" id={listId} aria-label="Outcomes" className="ob-listbox">
        {options.map((o, i) => (
          <div
            key={o.id}
            id={`${listId}-${o.id}`}
            tabIndex={-1}
            role="option"
            aria-selected={current?.id === o.id}
            onMouseEnter={() => setIndex(i)}
            onClick={() => setChosen(o)}
            onKeyDown={() => undefined}
            className="ob-option"
          >
            <Text weight="medium">{o.title}</Text>
            <Text as="p" size="small" color="color.text.subtle">
              {o.statement}
            </Text>
          </div>
        ))}
      </div>
      <div className="ob-actions ob-actions--start">
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
