import Button from '@atlaskit/button/default/button';
import { ROLLUP_METHODS, ROLLUP_WEIGHT, type RollupMethod } from '@contract/limits';
import type { RollupSettings } from '@contract/outcome';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import type { Loadable } from '@shared/use-reply';
import { TextRow } from '../common/TextRow';
import {
  type FieldMessages,
  type FormField,
  type OutcomeForm,
  weightField,
  weightText,
} from './outcome-form';
import { type RollupOptions, weighableTypes, weightExample } from './rollup-form';
import { describeRollup, METHOD_LABEL } from './rollup-words';
import './rollup.css';

/** The contract's methods, listed here so the browser gets no schema code. */
const METHODS: readonly RollupMethod[] = ROLLUP_METHODS;

const METHOD_HINT: Record<RollupMethod, string> = {
  count: 'Every story, task and bug counts the same: delivery is the share of the tickets that are done.',
  points:
    'Done story points out of all story points, so bigger work moves delivery further. Tickets without an estimate are listed, never silently dropped.',
  weights:
    'Each ticket counts the weight of its type, so you decide what a story is worth next to a task or a bug: 1 counts like any ticket, 2 twice as much, 0 not at all.',
};

export interface RollupFieldsProps {
  /** The DOM id of a field: the editor's own, so it can focus the first field with an error. */
  idOf: (field: FormField) => string;
  /** The name of the method radio group. */
  radioName: string;
  form: Pick<OutcomeForm, 'rollupMethod' | 'countSubtasks' | 'weights' | 'savedWeights'>;
  /** The settings a save would send now: what is kept while the choices cannot load. */
  settings: RollupSettings;
  options: Loadable<RollupOptions>;
  onRetryOptions: () => void;
  messages: FieldMessages;
  disabled: boolean;
  /** An edit that changes how delivery is measured: saving recomputes the outcome's numbers. */
  recomputes: boolean;
  onMethod: (method: RollupMethod) => void;
  onCountSubtasks: (on: boolean) => void;
  onWeight: (issueType: string, text: string) => void;
}

/**
 * "How delivery is measured": the rollup method, whether subtasks count on their own, and the weight of
 * each issue type. The choices come from Jira (`outcomes/rollup-options`); until they have loaded, or if
 * they cannot, the settings stay as they are and the rest of the outcome can still be saved.
 */
export function RollupFields({
  idOf,
  radioName,
  form,
  settings,
  options,
  onRetryOptions,
  messages,
  disabled,
  recomputes,
  onMethod,
  onCountSubtasks,
  onWeight,
}: RollupFieldsProps) {
  const ready = options.status === 'ready' ? options.data : null;
  const locked = disabled || ready === null;
  const sectionId = idOf('rollupMethod');
  const introId = `${sectionId}-intro`;
  const methodErrorId = messages.rollupMethod ? `${sectionId}-error` : undefined;
  const subtasksId = idOf('countSubtasks');
  const weightsId = idOf('weights');
  const types = weighableTypes(ready, form.countSubtasks);
  const example =
    form.rollupMethod === 'weights'
      ? weightExample(types.map((t) => ({ name: t.name, text: weightText(form, t.name) })))
      : null;

  const pointsMissing = ready !== null && !ready.storyPoints;
  const hintOf = (method: RollupMethod) => {
    if (method !== 'points' || !pointsMissing) return METHOD_HINT[method];
    return form.rollupMethod === 'points'
      ? 'This Jira site has no story points field any more, so every ticket counts 0 points. Choose another method.'
      : 'Not available: this Jira site has no story points field.';
  };

  return (
    <section
      className="ob-field ob-field--wide ob-rollup"
      aria-labelledby={`${sectionId}-title`}
      data-testid="rollup-settings"
    >
      <h3 className="ob-section-title" id={`${sectionId}-title`}>
        How delivery is measured
      </h3>
      <p className="ob-helper" id={introId}>
        Delivery progress is the share of the outcome's linked work that is done. Epics never count
        themselves: the work inside them does.
      </p>

      {options.status === 'loading' ? <LoadingState label="Loading the choices from Jira" /> : null}
      {options.status === 'error' ? (
        <div data-testid="rollup-options-error">
          <Notice appearance="warning" title="The delivery choices could not be loaded">
            <p>{options.error.message}</p>
            <p>
              Until they load, how delivery is measured stays as it is: {describeRollup(settings)} Your other
              changes can still be saved.
            </p>
            <p>
              <Button onClick={onRetryOptions} testId="rollup-options-retry">
                Try again
              </Button>
            </p>
          </Notice>
        </div>
      ) : null}

      <fieldset
        className="ob-choices"
        data-testid="rollup-method"
        aria-describedby={[methodErrorId, introId].filter(Boolean).join(' ')}
      >
        <legend className="ob-label">Method</legend>
        {METHODS.map((method) => {
          const id = `${sectionId}-${method}`;
          const unavailable = method === 'points' && pointsMissing;
          const off = locked || unavailable;
          return (
            <div className={`ob-choice${off ? ' ob-choice--disabled' : ''}`} key={method}>
              <input
                type="radio"
                id={id}
                name={radioName}
                value={method}
                checked={form.rollupMethod === method}
                onChange={() => onMethod(method)}
                disabled={off}
                aria-describedby={`${id}-hint`}
                data-testid={`rollup-method-${method}`}
              />
              <div className="ob-choice__text">
                <label className="ob-choice__label" htmlFor={id}>
                  {METHOD_LABEL[method]}
                </label>
                <p
                  className={`ob-helper${unavailable ? ' ob-choice__reason' : ''}`}
                  id={`${id}-hint`}
                  data-testid={`rollup-method-${method}-hint`}
                >
                  {hintOf(method)}
                </p>
              </div>
            </div>
          );
        })}
        {messages.rollupMethod ? (
          <p className="ob-field-error" id={methodErrorId} data-testid="rollup-method-error">
            {messages.rollupMethod}
          </p>
        ) : null}
      </fieldset>

      <div className="ob-field">
        <div className={`ob-choice${locked ? ' ob-choice--disabled' : ''}`}>
          <input
            type="checkbox"
            id={subtasksId}
            checked={form.countSubtasks}
            onChange={(e) => onCountSubtasks(e.currentTarget.checked)}
            disabled={locked}
            aria-describedby={
              [messages.countSubtasks ? `${subtasksId}-error` : undefined, `${subtasksId}-helper`]
                .filter(Boolean)
                .join(' ') || undefined
            }
            data-testid="rollup-count-subtasks"
          />
          <div className="ob-choice__text">
            <label className="ob-choice__label" htmlFor={subtasksId}>
              Count subtasks on their own
            </label>
            {messages.countSubtasks ? (
              <p className="ob-field-error" id={`${subtasksId}-error`}>
                {messages.countSubtasks}
              </p>
            ) : null}
            <p className="ob-helper" id={`${subtasksId}-helper`}>
              Off by default: a subtask counts through its parent ticket, so no work is counted twice. Turn it
              on to count every subtask as well as its parent.
            </p>
          </div>
        </div>
      </div>

      {ready && form.rollupMethod === 'weights' ? (
        <fieldset
          className="ob-fieldset ob-weights"
          id={weightsId}
          aria-describedby={[messages.weights ? `${weightsId}-error` : undefined, `${weightsId}-helper`]
            .filter(Boolean)
            .join(' ')}
          data-testid="rollup-weights"
        >
          <legend className="ob-label">Weight per issue type</legend>
          <p className="ob-helper" id={`${weightsId}-helper`}>
            From {ROLLUP_WEIGHT.min} to {ROLLUP_WEIGHT.max}; a type left at 1 counts like any ticket. Epics
            are not listed: they never count themselves.
            {form.countSubtasks ? '' : ' Subtask types are listed when subtasks count on their own.'}
          </p>
          {messages.weights ? (
            <p className="ob-field-error" id={`${weightsId}-error`}>
              {messages.weights}
            </p>
          ) : null}
          {types.length === 0 ? (
            <p className="ob-muted">This Jira site has no issue types to weigh.</p>
          ) : (
            <div className="ob-weights__grid">
              {types.map((type) => {
                const field = weightField(type.name);
                return (
                  <TextRow
                    key={type.name}
                    id={idOf(field)}
                    label={type.name}
                    error={messages[field]}
                    testId={`rollup-weight-${type.name}-field`}
                    inputTestId={`rollup-weight-${type.name}`}
                    inputMode="decimal"
                    autoComplete="off"
                    value={weightText(form, type.name)}
                    onChange={(value) => onWeight(type.name, value)}
                    disabled={disabled}
                  />
                );
              })}
            </div>
          )}
          <p className="ob-rollup__example" aria-live="polite" data-testid="rollup-example">
            {example}
          </p>
        </fieldset>
      ) : null}

      {recomputes ? (
        <div data-testid="rollup-recompute-note">
          <Notice appearance="information">
            <p>
              Saving changes how this outcome's delivery is measured: its tickets are recounted in Jira in the
              background, and the project page says so until they are ready.
            </p>
          </Notice>
        </div>
      ) : null}
    </section>
  );
}
