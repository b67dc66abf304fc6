import Button from '@atlaskit/button/default/button';
import type { AppErrorBody } from '@contract/envelope';
import type { KpiView } from '@contract/kpi';
import type { Confidence } from '@contract/limits';
import { CHECK_IN_NOTE } from '@contract/limits';
import { formatValue, outOfRange, unitLabel } from '@domain/units';
import { ErrorState } from '@shared/components/ErrorState';
import { flagSuccess } from '@shared/flags';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { flushSync } from 'react-dom';
import { ChoiceRow } from '../common/ChoiceRow';
import { parseNumber } from '../common/parse-number';
import { TextRow } from '../common/TextRow';
import { type OutcomeDetail, useKpiMutations } from '../outcomes/use-outcome-detail';
import { CONFIDENCE_CHOICES } from './kpi-labels';

type CheckInField = 'value' | 'confidence' | 'note';

/**
 * Records the KPI's value now: the value, how sure the owner is, and a one-line note. What was typed
 * stays on errors; after a check-in the value and note clear and the confidence stays.
 */
export function CheckInForm({
  kpi,
  onCheckedIn,
  focusTick = 0,
}: {
  kpi: KpiView;
  /** A change above 0 moves focus to the value (and the form into view). */
  focusTick?: number;
  onCheckedIn: (detail: OutcomeDetail) => void;
}) {
  const { checkIn } = useKpiMutations();
  const uid = useId();
  const [value, setValue] = useState('');
  const [confidence, setConfidence] = useState<Confidence>('medium');
  const [note, setNote] = useState('');
  const [messages, setMessages] = useState<Partial<Record<CheckInField, string>>>({});
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const suffix = unitLabel(kpi.unit, kpi.customUnit);
  useEffect(() => {
    if (focusTick === 0) return;
    const input = document.getElementById(`${uid}-value`);
    input?.scrollIntoView({ block: 'center' });
    input?.focus();
  }, [focusTick, uid]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const n = parseNumber(value);
    if (typeof n !== 'number') {
      setMessages({
        value: n === null ? 'Type the value you measured.' : 'Use a number, such as 42 or 99.5.',
      });
      document.getElementById(`${uid}-value`)?.focus();
      return;
    }
    // The unit's range, as the server checks it: a share above 100% is refused before it is sent.
    const outside = outOfRange(n, kpi.unit, kpi.customUnit);
    if (outside) {
      setMessages({ value: outside });
      document.getElementById(`${uid}-value`)?.focus();
      return;
    }
    setBusy(true);
    setMessages({});
    setError(null);
    const reply = await checkIn(kpi.id, n, confidence, note.trim());
    if (reply.ok) {
      setBusy(false);
      setValue('');
      setNote('');
      setDone(`Checked in ${formatValue(n, kpi.unit, kpi.customUnit)}.`);
      flagSuccess('Check-in saved', `${kpi.name}: ${formatValue(n, kpi.unit, kpi.customUnit)}.`);
      onCheckedIn(reply.data);
      return;
    }
    const placed: Partial<Record<CheckInField, string>> = {};
    const rest: string[] = [];
    for (const fe of reply.error.fieldErrors) {
      const field = fe.path === 'value' || fe.path === 'confidence' || fe.path === 'note' ? fe.path : null;
      if (field) placed[field] = fe.message;
      else rest.push(fe.message);
    }
    // Rendered at once, so the fields are enabled again and the first one with an error can take focus.
    flushSync(() => {
      setBusy(false);
      setMessages(placed);
      setError(
        Object.keys(placed).length > 0 && rest.length === 0 && reply.error.code === 'VALIDATION_FAILED'
          ? null
          : reply.error,
      );
    });
    const first = (['value', 'confidence', 'note'] as const).find((f) => placed[f]);
    if (first) document.getElementById(`${uid}-${first}`)?.focus();
  };

  return (
    <form
      className="ob-checkin"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={`Check in a value for ${kpi.name}`}
      data-testid="checkin-form"
    >
      <div className="ob-checkin__fields">
        <TextRow
          id={`${uid}-value`}
          label="Value now"
          required
          error={messages.value}
          inputTestId="checkin-value"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={setValue}
          disabled={busy}
          isCompact
          elemAfterInput={suffix ? <span className="ob-unit-suffix">{suffix}</span> : undefined}
        />
        <ChoiceRow
          id={`${uid}-confidence`}
          label="Confidence"
          error={messages.confidence}
          inputTestId="checkin-confidence"
          choices={CONFIDENCE_CHOICES}
          value={confidence}
          onChange={setConfidence}
          disabled={busy}
          compact
        />
        <TextRow
          id={`${uid}-note`}
          label="Note (one line)"
          error={messages.note}
          inputTestId="checkin-note"
          value={note}
          maxLength={CHECK_IN_NOTE.max}
          onChange={setNote}
          disabled={busy}
          isCompact
          placeholder="e.g. After the retry release"
        />
        <div className="ob-checkin__submit">
          <Button type="submit" isLoading={busy} testId="checkin-submit">
            Check in
          </Button>
        </div>
      </div>
      {error ? <ErrorState error={error} /> : null}
      <p className="ob-small ob-text-success" aria-live="polite" data-testid="checkin-done">
        {done}
      </p>
    </form>
  );
}
