import type { Messages } from './field-messages';

/**
 * What the field rows of an editor are wired from: the form, the setter that changes one field (and
 * clears its message), the messages, the fields' element ids, and whether the fields are disabled.
 */
export interface FieldGroup<Form, Field extends string> {
  form: Form;
  set: <K extends keyof Form & Field>(field: K, value: Form[K]) => void;
  messages: Messages<Field>;
  fieldId: (field: Field) => string;
  disabled: boolean;
}

/**
 * The wiring every field row of a form shares (TextRow, ChoiceRow): its id, its message, its value, how
 * it changes and whether it is disabled. A row spreads it and adds its own words:
 * `<TextRow {...bind('name')} label="Name" inputTestId="kpi-name" />`.
 */
export const bindField =
  <Form, Field extends string>({ form, set, messages, fieldId, disabled }: FieldGroup<Form, Field>) =>
  <K extends keyof Form & Field>(field: K) => ({
    id: fieldId(field),
    error: messages[field],
    value: form[field],
    onChange: (value: Form[K]) => set(field, value),
    disabled,
  });
