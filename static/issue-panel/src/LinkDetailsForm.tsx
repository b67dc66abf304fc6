import Button from '@atlaskit/button/default/button';
import Textfield from '@atlaskit/textfield';
import type { FieldError } from '@contract/envelope';
import type { KpiSummary } from '@contract/issue-panel';
import { LINK_NOTE } from '@contract/limits';
import { CheckOption, withChosen } from '@shared/components/CheckOption';
import { ChoiceSelect } from '@shared/components/ChoiceSelect';
import { useEffect, useId, useRef, useState } from 'react';
import { kpiLabel, type LinkForm, messagesByField, previewRice } from './link-input';

interface Props {
  outcomeTitle: string;
  /** A line under the title saying what saving does, when that is not plain linking or editing. */
  intro?: string | null;
  kpis: KpiSummary[];
  initial: LinkForm;
  submitLabel: string;
  busy: boolean;
  fieldErrors: FieldError[];
  onSubmit: (form: LinkForm) => void;
  onCancel: () => void;
}

/** RICE's impact scale, with the words the method gives each step. */
const IMPACT_CHOICES = [
  { value: '3', label: '3: massive' },
  { value: '2', label: '2: high' },
  { value: '1', label: '1: medium' },
  { value: '0.5', label: '0.5: low' },
  { value: '0.25', label: '0.25: minimal' },
];

/** Which KPIs the ticket should move, a note in business words, and optional RICE inputs. */
export function LinkDetailsForm({
  outcomeTitle,
  intro = null,
  kpis,
  initial,
  submitLabel,
  busy,
  fieldErrors,
  onSubmit,
  onCancel,
}: Props) {
  const [form, setForm] = useState<LinkForm>(initial);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // Keyboard users land in the form they just opened (from a card's button or the picker's Enter).
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);
  const errors = messagesByField(fieldErrors);
  const score = previewRice(form);
  const setRice = (key: keyof NonNullable<LinkForm['rice']>, value: string) =>
    setForm((f) => ({
      ...f,
      rice: { reach: '', impact: '1', confidence: '80', effort: '1', ...f.rice, [key]: value },
    }));

  return (
    <form
      ref={formRef}
      className="ob-card"
      aria-label={`Link details for ${outcomeTitle}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(form);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <div className="ob-stack">
        <h3 className="ob-heading">{outcomeTitle}</h3>
        {intro ? <p className="ob-small ob-muted">{intro}</p> : null}
        {kpis.length > 0 ? (
          <fieldset className="ob-fieldset">
            <legend>KPIs this ticket should move</legend>
            {kpis.map((k) => (
              <CheckOption
                key={k.id}
                checked={form.kpiIds.includes(k.id)}
                onCheck={(on) => setForm((f) => ({ ...f, kpiIds: withChosen(f.kpiIds, k.id, on) }))}
              >
                {kpiLabel(k)}
              </CheckOption>
            ))}
            {errors.get('kpiIds') ? <p className="ob-field-error">{errors.get('kpiIds')}</p> : null}
          </fieldset>
        ) : (
          <p className="ob-muted ob-small">This outcome has no KPIs yet.</p>
        )}
        <div>
          <label className="ob-label" htmlFor={`${id}-note`}>
            How this ticket helps (one line, business words)
          </label>
          <Textfield
            id={`${id}-note`}
            value={form.note}
            maxLength={LINK_NOTE.max}
            placeholder="e.g. Fewer declined cards means fewer lost orders"
            onChange={(e) => {
              const note = e.currentTarget.value;
              setForm((f) => ({ ...f, note }));
            }}
            isInvalid={errors.has('note')}
          />
          {errors.get('note') ? <p className="ob-field-error">{errors.get('note')}</p> : null}
        </div>
        <CheckOption
          checked={form.rice !== null}
          onCheck={(on) =>
            setForm((f) => ({
              ...f,
              rice: on ? { reach: '', impact: '1', confidence: '80', effort: '1' } : null,
            }))
          }
        >
          Add RICE inputs
        </CheckOption>
        {form.rice ? (
          <div className="ob-form-grid">
            <NumberField
              id={`${id}-reach`}
              label="Reach (people a quarter)"
              value={form.rice.reach}
              error={errors.get('rice.reach')}
              onChange={(v) => setRice('reach', v)}
            />
            <div>
              <label className="ob-label" htmlFor={`${id}-impact`}>
                Impact
              </label>
              <ChoiceSelect
                aria={{ id: `${id}-impact` }}
                testId="rice-impact"
                choices={IMPACT_CHOICES}
                value={form.rice.impact}
                onChange={(v) => setRice('impact', v)}
              />
            </div>
            <NumberField
              id={`${id}-confidence`}
              label="Confidence (%)"
              value={form.rice.confidence}
              error={errors.get('rice.confidence')}
              onChange={(v) => setRice('confidence', v)}
            />
            <NumberField
              id={`${id}-effort`}
              label="Effort (person-months)"
              value={form.rice.effort}
              error={errors.get('rice.effort')}
              onChange={(v) => setRice('effort', v)}
            />
            <p className="ob-small ob-muted" aria-live="polite">
              RICE score: {score === null ? 'fill in all four' : score}
            </p>
          </div>
        ) : null}
        <div className="ob-actions ob-actions--start">
          <Button type="submit" appearance="primary" isLoading={busy}>
            {submitLabel}
          </Button>
          <Button appearance="subtle" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    </form>
  );
}

function NumberField({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (v: string) => void;
}) {
  return (
    <div>
      <label className="ob-label" htmlFor={id}>
        {label}
      </label>
      <Textfield
        id={id}
        type="number"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        isInvalid={error !== undefined}
      />
      {error ? <p className="ob-field-error">{error}</p> : null}
    </div>
  );
}
