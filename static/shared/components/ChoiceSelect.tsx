import { lazy, Suspense } from 'react';

// Atlaskit's Select is most of a picker's weight: it loads when the first picker shows, not with the page.
const ChoicePicker = lazy(() => import('./ChoicePicker'));

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/**
 * One choice from a short list, as Atlaskit's Select (Jira's own picker) instead of a native select:
 * the same look, keyboard use and dark theme as the other pickers. `testId` names Atlaskit's parts
 * (`${testId}-select--control`, `${testId}-select--listbox`, …).
 */
export function ChoiceSelect<V extends string>({
  aria,
  choices,
  value,
  onChange,
  testId,
  label,
  disabled = false,
  compact = false,
  groups,
  placeholder,
}: {
  /** The input's id (for a label's `htmlFor`), what describes it, and whether it is invalid. */
  aria: { id: string; describedBy?: string | undefined; invalid?: boolean };
  choices: readonly Choice<V>[];
  /** '' chooses nothing yet: the placeholder shows. */
  value: V | '';
  onChange: (value: V) => void;
  placeholder?: string;
  testId: string;
  /** The accessible name when no <label> names the input. */
  label?: string;
  disabled?: boolean;
  compact?: boolean;
  /** Shows the choices under headings instead (`choices` then lists them all, for the value). */
  groups?: readonly { label: string; choices: readonly Choice<V>[] }[];
}) {
  const chosen = choices.find((c) => c.value === value);
  return (
    // Until the picker has loaded, the choice shows as text in a box of the picker's size.
    <Suspense
      fallback={
        <div className={`ob-choice-loading${compact ? ' ob-choice-loading--compact' : ''}`} aria-busy="true">
          {chosen?.label ?? placeholder ?? ''}
        </div>
      }
    >
      <ChoicePicker
        aria={aria}
        testId={testId}
        label={label}
        options={groups ? groups.map((g) => ({ label: g.label, options: g.choices })) : choices}
        value={chosen ?? null}
        onChoose={(picked) => {
          const choice = choices.find((c) => c.value === picked);
          if (choice) onChange(choice.value);
        }}
        disabled={disabled}
        compact={compact}
        searchable={choices.length > 6}
        placeholder={placeholder}
      />
    </Suspense>
  );
}

/** Choices from a list of values and the words for each. */
export const choicesOf = <V extends string>(values: readonly V[], words: Record<V, string>): Choice<V>[] =>
  values.map((value) => ({ value, label: words[value] }));
