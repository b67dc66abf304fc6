import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { ReactNode, Ref } from 'react';
import { FieldShell, type ShellProps, splitShell } from './FieldShell';

/** The text control of a row: what it shows and does, besides the wiring every row shares. */
interface TextControl {
  /** The control's test id (`testId` is the row's). */
  inputTestId: string;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  name?: string;
  placeholder?: string;
  isRequired?: boolean;
  /** The smaller control, for rows inside a line of fields. */
  isCompact?: boolean;
  isReadOnly?: boolean;
  maxLength?: number;
  /** A text area this many rows high at first (people may make it taller), instead of one line. */
  rows?: number;
  /** One-line controls only: the input's type, bounds and entry hints, and what shows after the text. */
  type?: 'date';
  min?: string;
  max?: string;
  inputMode?: 'decimal';
  autoComplete?: 'off';
  elemAfterInput?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * One form row of text: label, a Textfield (a Textarea with `rows`), hint and error, wired by FieldShell
 * so the label names the control and the hint and error describe it.
 */
export function TextRow(props: ShellProps & TextControl) {
  const [shell, { inputTestId, onChange, disabled, rows, ...control }] = splitShell(props);
  const { inputRef, type, min, max, inputMode, autoComplete, elemAfterInput, ...common } = control;
  const changed = (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value);
  return (
    <FieldShell {...shell}>
      {(aria) => {
        const wired = {
          ...common,
          id: aria.id,
          testId: inputTestId,
          isDisabled: disabled,
          onChange: changed,
        };
        const state = { isInvalid: aria.invalid, 'aria-describedby': aria.describedBy };
        if (rows) return <Textarea {...wired} {...state} minimumRows={rows} resize="vertical" />;
        const extra = { type, min, max, inputMode, autoComplete, elemAfterInput };
        return <Textfield {...wired} {...state} {...extra} ref={inputRef} />;
      }}
    </FieldShell>
  );
}
