import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { useForgeExtension } from '@shared/use-forge-context';
import { PanelForIssue } from './PanelForIssue';

export function IssuePanel() {
  const { extension, failed } = useForgeExtension();
  if (failed) {
    return (
      <ErrorState
        error={{
          code: 'INTERNAL',
          message: 'Jira did not say which ticket this is. Reload the page.',
          fieldErrors: [],
        }}
      />
    );
  }
  if (!extension) return <LoadingState label="Loading outcomes" />;
  const issueKey = extension.issue?.key;
  if (!issueKey) {
    return (
      <ErrorState
        error={{ code: 'NOT_FOUND', message: 'This panel only works on a Jira issue.', fieldErrors: [] }}
      />
    );
  }
  return <PanelForIssue issueKey={issueKey} />;
}
