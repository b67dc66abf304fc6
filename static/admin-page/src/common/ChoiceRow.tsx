import { type Choice, ChoiceSelect } from '@shared/components/ChoiceSelect';
import { FieldShell, type ShellProps, splitShell } from './FieldShell';

/** The picker of a row: what it offers and does, besides the wiring every row shares. */
interface ChoiceControl<V extends string> {
  /** The picker's test id (`testId` is the row's). */
  inputTestId: string;
  choices: readonly Choice<V>[];
  groups?: readonly { label: string; choices: readonly Choice<V>[] }[];
  value: V | '';
  onChange: (value: V) => void;
  disabled: boolean;
  compact?: boolean;
  placeholder?: string;
}

/**
 * One form row with a choice from a short list: label, Atlaskit's picker, hint and error, wired by
 * FieldShell as TextRow wires text.
 */
export function ChoiceRow<V extends string>(props: ShellProps & ChoiceControl<V>) {
  const [shell, { inputTestId, ...control }] = splitShell(props);
  return (
    <FieldShell {...shell}>
      {(aria) => <ChoiceSelect {...control} aria={aria} testId={inputTestId} />}
    </FieldShell>
  );
}
