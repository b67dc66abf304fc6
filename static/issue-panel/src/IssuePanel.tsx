import { ContextGate } from '@shared/components/ContextGate';
import { PanelForIssue } from './PanelForIssue';

export function IssuePanel() {
  return (
    <ContextGate
      pick={(extension) => extension.issue?.key}
      what="ticket"
      elsewhere="This panel only works on a Jira issue."
    >
      {(issueKey) => <PanelForIssue issueKey={issueKey} />}
    </ContextGate>
  );
}
