import Button from '@atlaskit/button/default/button';
import type { AppErrorBody } from '@contract/envelope';
import { Notice } from './Notice';

const TITLES: Record<AppErrorBody['code'], string> = {
  VALIDATION_FAILED: 'Something needs fixing',
  FORBIDDEN: 'You do not have access',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Changed by someone else',
  RATE_LIMITED: 'Jira is busy',
  JIRA_UNAVAILABLE: 'Jira is not answering',
  INTERNAL: 'Something went wrong',
};

/** Shows a resolver error in words a user can act on, with a retry where retrying can help. */
export function ErrorState({ error, onRetry }: { error: AppErrorBody; onRetry?: () => void }) {
  const retryable = error.code !== 'FORBIDDEN' && error.code !== 'NOT_FOUND';
  return (
    <Notice appearance={error.code === 'FORBIDDEN' ? 'warning' : 'error'} title={TITLES[error.code]}>
      <p>{error.message}</p>
      {onRetry && retryable ? (
        <p>
          <Button onClick={onRetry}>Try again</Button>
        </p>
      ) : null}
    </Notice>
  );
}
