import type { AdminOutcome } from '@contract/outcome';
import { ChoiceRow } from '../common/ChoiceRow';

/** Ids of the outcomes under `id` in the alignment tree (its children, their children, …). */
function descendantsOf(id: string, outcomes: readonly AdminOutcome[]): Set<string> {
  const under = new Set<string>();
  let frontier = [id];
  while (frontier.length > 0) {
    const next = outcomes.filter((o) => o.parent && frontier.includes(o.parent.id) && !under.has(o.id));
    for (const o of next) under.add(o.id);
    frontier = next.map((o) => o.id);
  }
  return under;
}

/**
 * The parent outcome in the alignment tree: any other outcome, or none. Outcomes that already sit under
 * this one are marked, since choosing one would make a loop (the server refuses it and says so).
 */
export function ParentField({
  id,
  outcomeId,
  outcomes,
  value,
  error,
  disabled,
  onChange,
}: {
  id: string;
  /** The outcome being edited; null when creating. */
  outcomeId: string | null;
  outcomes: readonly AdminOutcome[];
  value: string;
  error: string | undefined;
  disabled: boolean;
  onChange: (parentId: string) => void;
}) {
  const under = outcomeId ? descendantsOf(outcomeId, outcomes) : new Set<string>();
  const options = outcomes.filter((o) => o.id !== outcomeId).sort((a, b) => a.title.localeCompare(b.title));
  const unknown = value !== '' && !options.some((o) => o.id === value);
  return (
    <ChoiceRow
      id={id}
      label="Parent outcome"
      wide
      testId="outcome-parent-field"
      error={error}
      helper="Optional: the bigger outcome this one contributes to."
      inputTestId="outcome-parent"
      choices={[
        { value: '', label: 'No parent' },
        ...(unknown ? [{ value, label: 'An outcome you cannot see' }] : []),
        ...options.map((o) => ({
          value: o.id,
          label: `${o.title}${under.has(o.id) ? ' (sits under this outcome)' : ''}`,
        })),
      ]}
      value={value}
      onChange={onChange}
      disabled={disabled}
    />
  );
}
