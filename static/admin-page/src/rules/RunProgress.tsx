import Button from '@atlaskit/button/default/button';
import { ErrorState } from '@shared/components/ErrorState';
import { Meter } from '@shared/components/Meter';
import { formatMoment } from '@shared/format';
import type { Ref } from 'react';
import { changedLabel, rateLimitedWords, runSentence, runShare, STATUS_NAME } from './run-words';
import type { ActiveRun } from './use-rules';

/**
 * The live progress of the run this user started: which step it is on, how many tickets it has changed
 * and how many pages of Jira results it has read, whether Jira rate-limited it, and how it ended. The
 * sentence on where it stands is announced politely; the counts, which change every second, are not.
 */
export function RunProgress({
  active,
  headingRef,
  onDismiss,
}: {
  active: ActiveRun;
  headingRef: Ref<HTMLHeadingElement>;
  onDismiss: () => void;
}) {
  const { run } = active;
  const cleanup = run.kind === 'cleanup';
  const title = cleanup
    ? `Removing the links of the deleted rule for “${active.outcomeTitle}”`
    : `Applying the rule for “${active.outcomeTitle}” to existing tickets`;
  const limited = rateLimitedWords(run);
  return (
    <section
      className="ob-card ob-stack ob-stack--tight"
      aria-labelledby="run-progress-heading"
      aria-busy={run.status === 'running'}
      data-testid="run-progress"
    >
      <div className="ob-run__head">
        <h3 className="ob-heading ob-run__title" id="run-progress-heading" ref={headingRef} tabIndex={-1}>
          {title}
        </h3>
        <span className={`ob-rule-state ob-rule-state--${run.status}`}>{STATUS_NAME[run.status]}</span>
      </div>
      <p className="ob-small ob-muted ob-run__status">
        <code className="ob-code">{active.jql}</code> · started {formatMoment(run.startedAt)}
      </p>
      <div className={run.status === 'running' ? 'ob-run__meter ob-run__meter--working' : 'ob-run__meter'}>
        <Meter share={runShare(run)} label={title} testId="run-meter" />
      </div>
      <p
        className={`ob-run__status${run.status === 'failed' ? ' ob-text-danger' : ''}`}
        aria-live="polite"
        data-testid="run-status"
      >
        {runSentence(run)}
      </p>
      <dl className="ob-run__counts">
        <div>
          <dt>{changedLabel(run)}</dt>
          <dd data-testid="run-changed">{run.changed}</dd>
        </div>
        {run.status === 'done' && !cleanup ? (
          <div>
            <dt>Tickets matching the rule</dt>
            <dd data-testid="run-matched">{run.matchedEstimated ? `about ${run.matched}` : run.matched}</dd>
          </div>
        ) : null}
        <div>
          <dt>Pages of Jira results read</dt>
          <dd data-testid="run-pages">{run.pages}</dd>
        </div>
      </dl>
      {limited ? (
        <p className="ob-small ob-text-warning" data-testid="run-rate-limited">
          {limited}
        </p>
      ) : null}
      {active.pollError ? (
        <div data-testid="run-poll-error">
          <ErrorState
            error={{
              ...active.pollError,
              message: `Could not get its progress: ${active.pollError.message}${
                active.pollError.code === 'FORBIDDEN' || active.pollError.code === 'NOT_FOUND'
                  ? ''
                  : ' Trying again.'
              }`,
            }}
          />
        </div>
      ) : null}
      {run.status === 'running' ? (
        <p className="ob-small ob-muted">
          It runs in the background: you can leave this page, and it goes on.
        </p>
      ) : (
        <p>
          <Button appearance="subtle" onClick={onDismiss} testId="run-dismiss">
            Dismiss
          </Button>
        </p>
      )}
    </section>
  );
}
