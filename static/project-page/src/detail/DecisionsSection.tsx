import Button from '@atlaskit/button/default/button';
import Textfield from '@atlaskit/textfield';
import type { AppErrorBody } from '@contract/envelope';
import { DECISION_KINDS, DECISION_RATIONALE, DECISION_WORDS, type DecisionKind } from '@contract/limits';
import type { DecisionView } from '@contract/project-page';
import { ChoiceSelect, choicesOf } from '@shared/components/ChoiceSelect';
import { ErrorState } from '@shared/components/ErrorState';
import { formatMoment } from '@shared/format';
import { type FormEvent, useId, useState } from 'react';
import { useDecisions } from './use-decisions';

const KIND_CHOICES = choicesOf(DECISION_KINDS, DECISION_WORDS);

/**
 * The outcome's decisions, newest first, and for its owners, deciders and those it is escalated to, the form
 * that records one: the kind and a one-line why. Who and when are the app's to say, not the form's.
 */
export function DecisionsSection({
  projectKey,
  outcomeId,
  decisions: initial,
  canDecide,
}: {
  projectKey: string;
  outcomeId: string;
  decisions: readonly DecisionView[];
  canDecide: boolean;
}) {
  const uid = useId();
  const { decisions, record } = useDecisions(projectKey, outcomeId, initial);
  const [kind, setKind] = useState<DecisionKind | ''>('');
  const [rationale, setRationale] = useState('');
  const [problems, setProblems] = useState<{ kind?: string; rationale?: string }>({});
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const why = rationale.trim();
    const found = {
      ...(kind === '' ? { kind: 'Choose the decision.' } : {}),
      ...(why === '' ? { rationale: 'Say in a line why.' } : {}),
    };
    setProblems(found);
    if (kind === '' || why === '') {
      document.getElementById(`${uid}-${found.kind ? 'kind' : 'rationale'}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const reply = await record(kind, why);
    setBusy(false);
    if (reply.ok) {
      setKind('');
      setRationale('');
      return;
    }
    const placed = Object.fromEntries(reply.error.fieldErrors.map((f) => [f.path, f.message]));
    setProblems({ kind: placed.kind, rationale: placed.rationale });
    if (!placed.kind && !placed.rationale) setError(reply.error);
  };

  return (
    <div className="ob-stack ob-stack--tight">
      {canDecide ? (
        <form
          className="ob-decision-form"
          onSubmit={(e) => void submit(e)}
          noValidate
          data-testid="decision-form"
        >
          <div className="ob-field">
            <label htmlFor={`${uid}-kind`}>Decision</label>
            <ChoiceSelect
              aria={{ id: `${uid}-kind`, invalid: Boolean(problems.kind), describedBy: `${uid}-kind-error` }}
              choices={KIND_CHOICES}
              value={kind}
              onChange={setKind}
              testId="decision-kind"
              disabled={busy}
            />
            {problems.kind ? (
              <p className="ob-small ob-text-danger" id={`${uid}-kind-error`} role="alert">
                {problems.kind}
              </p>
            ) : null}
          </div>
          <div className="ob-field">
            <label htmlFor={`${uid}-rationale`}>Why, in one line</label>
            <Textfield
              id={`${uid}-rationale`}
              value={rationale}
              onChange={(e) => setRationale(e.currentTarget.value)}
              maxLength={DECISION_RATIONALE.max}
              isInvalid={Boolean(problems.rationale)}
              aria-describedby={`${uid}-rationale-error`}
              isDisabled={busy}
              testId="decision-rationale"
            />
            {problems.rationale ? (
              <p className="ob-small ob-text-danger" id={`${uid}-rationale-error`} role="alert">
                {problems.rationale}
              </p>
            ) : null}
          </div>
          <Button type="submit" appearance="primary" isDisabled={busy} testId="decision-record">
            Record decision
          </Button>
        </form>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
      {decisions.length === 0 ? (
        <p className="ob-small ob-muted" data-testid="decisions-empty">
          No decisions recorded yet.
        </p>
      ) : (
        <ol className="ob-decisions" aria-label="Decisions, newest first" data-testid="decisions">
          {decisions.map((d) => (
            <li key={d.id} data-testid="decision">
              <strong>{DECISION_WORDS[d.kind]}</strong>: {d.rationale}{' '}
              <span className="ob-small ob-muted">
                {d.by.displayName}, <time dateTime={d.at}>{formatMoment(d.at)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
