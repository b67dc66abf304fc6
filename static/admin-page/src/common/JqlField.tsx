import { JQL_LENGTH } from '@contract/limits';
import { CodeTextarea } from '@shared/components/CodeTextarea';
import type { ReactNode } from 'react';
import { FieldShell } from './FieldShell';
import { JqlCheckLine } from './JqlCheckLine';
import { useJqlCheck } from './use-jql-check';

/** A JQL query, checked with Jira as the admin types: how many tickets match, or Jira's own error. */
export function JqlField({
  id,
  label,
  value,
  onChange,
  error,
  disabled,
  testId,
  hint,
  checked,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (jql: string) => void;
  error: string | undefined;
  disabled: boolean;
  testId: string;
  hint: ReactNode;
  /** The query Jira checks, when it is not exactly what is typed (a rule runs within its outcome's projects). */
  checked?: string;
}) {
  const check = useJqlCheck(checked ?? value, value);
  return (
    <FieldShell
      id={id}
      label={label}
      required
      wide
      error={error}
      testId={`${testId}-field`}
      helper={
        <>
          <JqlCheckLine check={check} testId={testId} /> {hint}
        </>
      }
    >
      {(aria) => (
        <CodeTextarea
          id={aria.id}
          testId={testId}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          isInvalid={aria.invalid || (check.status === 'checked' && !check.valid)}
          isDisabled={disabled}
          minimumRows={2}
          maxLength={JQL_LENGTH.max}
          aria-describedby={aria.describedBy}
          placeholder='project = CHK AND labels = "checkout-abandoned"'
        />
      )}
    </FieldShell>
  );
}
