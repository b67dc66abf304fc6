import type { ReactNode } from 'react';

export interface FieldAria {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

/** A field's wiring as Atlaskit's Select takes it: its input's id, what describes it, whether it is invalid. */
export const selectAria = (aria: FieldAria) => ({
  inputId: aria.id,
  'aria-describedby': aria.describedBy,
  isInvalid: aria.invalid,
});

/** What a field's shell shows around its control. */
export interface ShellProps {
  id: string;
  label: string;
  required?: boolean;
  helper?: ReactNode;
  error?: string | undefined;
  wide?: boolean;
  testId?: string;
}

/** A row's props split into its shell's and its control's (TextRow, ChoiceRow). */
export function splitShell<P extends ShellProps>(props: P): [ShellProps, Omit<P, keyof ShellProps>] {
  const { id, label, required, helper, error, wide, testId, ...control } = props;
  return [{ id, label, required, helper, error, wide, testId }, control];
}

/**
 * Label, control, hint and error of one form field, wired for assistive technology: the label names the
 * control, and the hint and the error (shown right under the control) describe it.
 */
export function FieldShell({
  id,
  label,
  required,
  helper,
  error,
  wide,
  testId,
  children,
}: ShellProps & { children: (aria: FieldAria) => ReactNode }) {
  const helperId = helper ? `${id}-helper` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, helperId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`ob-field${wide ? ' ob-field--wide' : ''}`} data-testid={testId}>
      <label className="ob-label" htmlFor={id}>
        {label}
        {required ? (
          <span className="ob-required" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p className="ob-field-error" id={errorId} data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      ) : null}
      {helper ? (
        <p className="ob-helper" id={helperId}>
          {helper}
        </p>
      ) : null}
    </div>
  );
}
