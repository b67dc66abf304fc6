import { hiddenFromAppInWords } from '@domain/app-reach';
import { plural } from '@domain/units';
import type { JqlCheck } from './use-jql-check';

/** What Jira said about the JQL typed: how many tickets match, or its error. Announced politely. */
export function JqlCheckLine({ check, testId }: { check: JqlCheck; testId: string }) {
  const line = (() => {
    switch (check.status) {
      case 'idle':
        return null;
      case 'checking':
        return <span className="ob-muted">Checking with Jira…</span>;
      case 'failed':
        return <span className="ob-text-danger">Could not check it: {check.error.message}</span>;
      case 'checked':
        return check.valid ? (
          <>
            <span className="ob-text-success">
              ✓ Matches{' '}
              {check.count === null
                ? 'some'
                : `${check.countEstimated ? 'about ' : ''}${plural(check.count, 'ticket')}`}{' '}
              now.
            </span>
            {check.hiddenFromApp ? (
              <span className="ob-text-warning" data-testid="jql-hidden-from-app">
                {' '}
                {hiddenFromAppInWords(check.hiddenFromApp)}
              </span>
            ) : null}
          </>
        ) : (
          <span className="ob-text-danger">Jira says: {check.message ?? 'this query is not valid.'}</span>
        );
    }
  })();
  return (
    <span className="ob-jql-check" data-testid={`${testId}-check`} aria-live="polite">
      {line}
    </span>
  );
}
