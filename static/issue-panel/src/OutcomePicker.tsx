import Button from '@atlaskit/button/default/button';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import Textfield from '@atlaskit/textfield';
import type { OutcomeCard } from '@contract/issue-panel';
import { issuePanelApi } from '@shared/client';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { useReply } from '@shared/use-reply';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';

interface Props {
  issueKey: string;
  onChoose: (outcomeId: string) => Promise<boolean>;
  onClose: () => void;
  pendingId: string | null;
}

/**
 * A searchable list of the outcomes this ticket can serve. A combobox in the ARIA sense: type to filter,
 * arrow keys to move, Enter to link, Escape to close.
 */
export function OutcomePicker({ issueKey, onChoose, onClose, pendingId }: Props) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [index, setIndex] = useState(0);
  const listId = useId();
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 200);
    return () => clearTimeout(t);
  }, [query]);
  const { state, reload } = useReply(
    () => issuePanelApi('links/candidates', { issueKey, query: debounced }),
    `${issueKey}\n${debounced}`,
  );
  const options: OutcomeCard[] = state.status === 'ready' ? state.data.outcomes : [];
  const current = options[Math.min(index, options.length - 1)];

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setIndex((i) => Math.min(i + 1, Math.max(options.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setIndex((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      void onChoose(current.id);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <Stack space="space.100">
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
            tabIndex={-1}
            id={`${listId}-${o.id}`}
            role="option"
            aria-selected={current?.id === o.id}
            onMouseEnter={() => setIndex(i)}
            onClick={() => void onChoose(o.id)}
            onKeyDown={() => undefined}
            className="ob-option"
          >
            <Text weight="medium">{pendingId === o.id ? `Linking ${o.title}…` : o.title}</Text>
            <Text as="p" size="small" color="color.text.subtle">
              {o.statement}
            </Text>
          </div>
        ))}
      </div>
      <Inline>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
      </Inline>
    </Stack>
  );
}
