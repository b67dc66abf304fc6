import Select from '@atlaskit/select/select';
import type { Choice } from './ChoiceSelect';

/** Atlaskit's Select for one choice, as ChoiceSelect loads it on demand (the default export is what it loads). */
export default function ChoicePicker({
  aria,
  testId,
  label,
  options,
  value,
  onChoose,
  disabled,
  compact,
  searchable,
  placeholder,
}: {
  aria: { id: string; describedBy?: string | undefined; invalid?: boolean };
  testId: string;
  label: string | undefined;
  options: readonly (Choice<string> | { label: string; options: readonly Choice<string>[] })[];
  value: Choice<string> | null;
  onChoose: (value: string) => void;
  disabled: boolean;
  compact: boolean;
  searchable: boolean;
  placeholder: string | undefined;
}) {
  return (
    <Select<Choice<string>, false>
      inputId={aria.id}
      testId={testId}
      aria-label={label}
      aria-describedby={aria.describedBy}
      options={options}
      value={value}
      onChange={(choice) => {
        if (choice) onChoose(choice.value);
      }}
      isDisabled={disabled}
      isInvalid={aria.invalid ?? false}
      isSearchable={searchable}
      spacing={compact ? 'compact' : 'default'}
      placeholder={placeholder}
      menuPlacement="auto"
      classNamePrefix="ob-choice"
    />
  );
}
