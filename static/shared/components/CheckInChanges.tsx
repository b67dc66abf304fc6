import Button from '@atlaskit/button/default/button';
import type { Reply } from '@contract/envelope';
import type { CheckInView } from '@contract/kpi';
import { CHECK_IN_NOTE, type Confidence, type KpiUnit } from '@contract/limits';
import { formatValue, outOfRange } from '@domain/units';
import { type FormEvent, type ReactElement, useId, useState } from 'react';
import { CONFIDENCE_CHOICES, CONFIDENCE_NAME } from '../confidence';
import { formatMoment } from '../format';
import { ChoiceSelect } from './ChoiceSelect';
import { ErrorState } from './ErrorState';

interface Unit {
  unit: KpiUnit | null;
  customUnit: string;
}

/**
 * What happened to a check-in after it was made, as the history keeps it: each correction (what it said
 * before and after, by whom, when, why) and its withdrawal.
 */
export function CheckInChangeLog({ checkIn, unit }: { checkIn: CheckInView; unit: Unit }) {
  if (checkIn.changes.length === 0) return null;
  const v = (n: number) => formatValue(n, unit.unit, unit.customUnit);
  return (
    <ul className="ob-checkin-log ob-small" data-testid="checkin-changes">
      {checkIn.changes.map((c) => (
        <li key={`${c.at}-${c.action}`} data-testid={`checkin-change-${c.action}`}>
          {c.action === 'withdrawn'
            ? `Withdrawn by ${c.by.displayName}, ${formatMoment(c.at)}`
            : `Corrected by ${c.by.displayName}, ${formatMoment(c.at)}: ${describe(c.before, c.after, v)}`}
          {c.reason ? `. Why: “${c.reason}”` : ''}
        </li>
      ))}
    </ul>
  );
}

function describe(
  before: CheckInView['changes'][number]['before'],
  after: CheckInView['changes'][number]['after'],
  v: (n: number) => string,
): string {
  if (!after) return '';
  const parts = [
    before.value !== after.value ? `value ${v(before.value)} → ${v(after.value)}` : null,
    before.confidence !== after.confidence
      ? `confidence ${CONFIDENCE_NAME[before.confidence].toLowerCase()} → ${CONFIDENCE_NAME[after.confidence].toLowerCase()}`
      : null,
    before.note !== after.note ? `note “${before.note}” → “${after.note}”` : null,
  ].filter((p) => p !== null);
  return parts.join(', ');
}

export interface CheckInEdits {
  correct: (input: {
    id: string;
    expectedRevision: number;
    value: number;
    confidence: Confidence;
    note: string;
    reason: string;
  }) => Promise<Reply<unknown>>;
  withdraw: (input: { id: string; expectedRevision: number; reason: string }) => Promise<Reply<unknown>>;
}

/** The two changes a check-in allows, as its buttons offer them. */
const CHANGES = [
  { mode: 'correct', verb: 'Correct' },
  { mode: 'withdraw', verb: 'Withdraw' },
] as const;

/**
 * Correct or withdraw a check-in, for its author or an admin of the outcome (`canChange`). Corrections are
 * checked against the unit's range before they are sent; the reason goes into the history.
 */
export function CheckInActions({
  checkIn,
  unit,
  kpiName,
  edits,
  onChanged,
}: {
  checkIn: CheckInView;
  unit: Unit;
  kpiName: string;
  edits: CheckInEdits;
  onChanged: () => void;
}) {
  const uid = useId();
  const [mode, setMode] = useState<'idle' | 'correct' | 'withdraw'>('idle');
  const [value, setValue] = useState(String(checkIn.value));
  const [confidence, setConfidence] = useState<Confidence>(checkIn.confidence);
  const [note, setNote] = useState(checkIn.note);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<Parameters<typeof ErrorState>[0]['error'] | null>(null);
  const [busy, setBusy] = useState(false);
  if (!checkIn.canChange) return null;
  const when = formatMoment(checkIn.at);

  const close = () => {
    setMode('idle');
    setProblem(null);
    setError(null);
    setReason('');
  };
  const finish = async (reply: Promise<Reply<unknown>>) => {
    setBusy(true);
    setError(null);
    const done = await reply;
    setBusy(false);
    if (done.ok) {
      close();
      onChanged();
    } else setError(done.error);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (mode === 'withdraw') {
      void finish(
        edits.withdraw({ id: checkIn.id, expectedRevision: checkIn.revision, reason: reason.trim() }),
      );
      return;
    }
    const n = Number(value.trim().replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(n)) {
      setProblem('Use a number, such as 42 or 99.5.');
      return;
    }
    const outside = outOfRange(n, unit.unit, unit.customUnit);
    if (outside) {
      setProblem(outside);
      return;
    }
    setProblem(null);
    void finish(
      edits.correct({
        id: checkIn.id,
        expectedRevision: checkIn.revision,
        value: n,
        confidence,
        note: note.trim(),
        reason: reason.trim(),
      }),
    );
  };

  if (mode === 'idle') {
    return (
      <span className="ob-actions ob-checkin-actions">
        {CHANGES.map(({ mode: next, verb }) => (
          <Button
            key={next}
            appearance="subtle"
            spacing="compact"
            onClick={() => setMode(next)}
            aria-label={`${verb} the check-in of ${when}`}
            testId={`checkin-${next}`}
          >
            {verb}
          </Button>
        ))}
      </span>
    );
  }
  const field = (id: string, label: string, input: ReactElement, message?: string | null) => (
    <div className="ob-field">
      <label className="ob-label" htmlFor={`${uid}-${id}`}>
        {label}
      </label>
      {input}
      {message ? (
        <p className="ob-field-error" id={`${uid}-${id}-error`}>
          {message}
        </p>
      ) : null}
    </div>
  );
  /** A one-line text of at most a note's length: the note, or why the check-in changes. */
  const lineInput = (id: 'note' | 'reason', text: string, setText: (text: string) => void) => (
    <input
      id={`${uid}-${id}`}
      className="ob-select ob-select--compact"
      value={text}
      maxLength={CHECK_IN_NOTE.max}
      onChange={(e) => setText(e.currentTarget.value)}
      disabled={busy}
      data-testid={`checkin-change-${id}`}
    />
  );
  return (
    <form
      className="ob-checkin-change"
      onSubmit={submit}
      noValidate
      aria-label={`${mode === 'correct' ? 'Correct' : 'Withdraw'} the check-in of ${kpiName} made ${when}`}
      data-testid={`checkin-${mode}-form`}
    >
      {mode === 'correct' ? (
        <>
          {field(
            'value',
            'Corrected value',
            <input
              id={`${uid}-value`}
              className="ob-select ob-select--compact"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${uid}-value-error` : undefined}
              disabled={busy}
              data-testid="checkin-change-value"
            />,
            problem,
          )}
          {field(
            'confidence',
            'Confidence',
            <ChoiceSelect
              aria={{ id: `${uid}-confidence` }}
              testId="checkin-change-confidence"
              choices={CONFIDENCE_CHOICES}
              value={confidence}
              onChange={setConfidence}
              disabled={busy}
              compact
            />,
          )}
          {field('note', 'Note', lineInput('note', note, setNote))}
        </>
      ) : (
        <p className="ob-small">
          Withdrawn check-ins stay in the history, marked; the latest check-in that still stands becomes the
          KPI’s value.
        </p>
      )}
      {field('reason', 'Why (kept in the history)', lineInput('reason', reason, setReason))}
      <span className="ob-actions">
        <Button
          type="submit"
          appearance="primary"
          spacing="compact"
          isLoading={busy}
          testId="checkin-change-save"
        >
          {mode === 'correct' ? 'Save correction' : 'Withdraw check-in'}
        </Button>
        <Button appearance="subtle" spacing="compact" onClick={close} testId="checkin-change-cancel">
          Cancel
        </Button>
      </span>
      {error ? <ErrorState error={error} /> : null}
    </form>
  );
}
