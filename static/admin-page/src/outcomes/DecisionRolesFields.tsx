import type { UserRef } from '@contract/primitives';
import { FieldShell } from '../common/FieldShell';
import { MultiUserPicker } from '../common/MultiUserPicker';
import type { FieldMessages, FormField } from './outcome-form';

type RoleField = Extract<FormField, 'decides' | 'advises' | 'escalatedTo'>;

const ROLES: { field: RoleField; label: string; helper: string; required: boolean }[] = [
  {
    field: 'decides',
    label: 'Who decides',
    helper: 'Makes the call when business and technology disagree, e.g. on scope or a trade-off.',
    required: true,
  },
  { field: 'advises', label: 'Who advises', helper: 'Consulted before a decision.', required: false },
  {
    field: 'escalatedTo',
    label: 'Escalated to',
    helper: 'Who hears about it when the outcome goes off track or a decision is stuck.',
    required: false,
  },
];

/** The outcome's decision roles: three multi-user pickers, "who decides" required. */
export function DecisionRolesFields({
  fieldId,
  values,
  messages,
  disabled,
  onChange,
}: {
  fieldId: (field: FormField) => string;
  values: Record<RoleField, UserRef[]>;
  messages: FieldMessages;
  disabled: boolean;
  onChange: (field: RoleField, users: UserRef[]) => void;
}) {
  return (
    <>
      {ROLES.map(({ field, label, helper, required }) => (
        <FieldShell
          key={field}
          id={fieldId(field)}
          label={label}
          required={required}
          wide={field === 'decides'}
          testId={`outcome-role-${field}`}
          error={messages[field]}
          helper={helper}
        >
          {(aria) => (
            <MultiUserPicker
              aria={aria}
              value={values[field]}
              onChange={(users) => onChange(field, users)}
              isDisabled={disabled}
              testId={`outcome-role-${field}-select`}
            />
          )}
        </FieldShell>
      ))}
    </>
  );
}
