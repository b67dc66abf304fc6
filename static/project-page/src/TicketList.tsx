import type { TicketRow } from '@contract/project-page';
import { formatDay } from '@shared/format';
import { issuePath, openOnClick } from './jira-links';

const CATEGORY: Record<TicketRow['statusCategory'], string> = {
  new: 'ob-status--new',
  indeterminate: 'ob-status--progress',
  done: 'ob-status--done',
};

/** A ticket's key as a link that opens the issue in Jira (a new tab, through the host). */
export function IssueKeyLink({ issueKey }: { issueKey: string }) {
  const path = issuePath(issueKey);
  return (
    <a
      href={path}
      onClick={openOnClick(path)}
      className="ob-link ob-issue-key"
      data-testid={`issue-link-${issueKey}`}
    >
      {issueKey}
    </a>
  );
}

export function StatusLozenge({ ticket }: { ticket: Pick<TicketRow, 'status' | 'statusCategory'> }) {
  return <span className={`ob-lozenge ob-status ${CATEGORY[ticket.statusCategory]}`}>{ticket.status}</span>;
}

/**
 * A compact list of tickets behind a number: key (opens the issue), summary, type, status and due date.
 * `scroll` caps its height; the list then takes focus so keyboard users can scroll it.
 */
export function TicketList({
  tickets,
  label,
  testId,
  scroll = false,
}: {
  tickets: readonly TicketRow[];
  label: string;
  testId?: string;
  scroll?: boolean;
}) {
  return (
    <ul
      className={`ob-ticket-list${scroll ? ' ob-ticket-list--scroll' : ''}`}
      aria-label={label}
      data-testid={testId}
      // A scrolling region must be reachable by keyboard to be scrolled.
      tabIndex={scroll ? 0 : undefined}
    >
      {tickets.map((t) => (
        <li key={t.key} className="ob-ticket-list__item">
          <IssueKeyLink issueKey={t.key} />
          <span className="ob-ticket-list__summary">{t.summary}</span>
          <span className="ob-small ob-muted">{t.issueType}</span>
          <StatusLozenge ticket={t} />
          {t.dueDate ? <span className="ob-small ob-muted ob-nowrap">due {formatDay(t.dueDate)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
