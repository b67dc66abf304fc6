import Button from '@atlaskit/button/default/button';
import DynamicTable from '@atlaskit/dynamic-table/stateless';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import type { AppErrorBody } from '@contract/envelope';
import { TICKETS_PAGE } from '@contract/limits';
import type { ProjectOutcomeRow, TicketRow } from '@contract/project-page';
import { plural } from '@domain/units';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import { type CsvCell, downloadCsv, fileSlug } from '@shared/csv';
import { amount } from '@shared/delivery';
import { localDay } from '@shared/download';
import { aboutCount, formatDay, ticketsInWords } from '@shared/format';
import { useEffect, useRef, useState } from 'react';
import { Skeleton } from '../Skeleton';
import { IssueKeyLink, StatusLozenge } from '../TicketList';
import { fetchAllTickets, useTicketsPage } from './use-tickets';

const head: HeadType = {
  cells: [
    { key: 'key', content: 'Key', width: 10 },
    { key: 'summary', content: 'Summary', width: 38 },
    { key: 'type', content: 'Type', width: 9 },
    { key: 'status', content: 'Status', width: 13 },
    { key: 'assignee', content: 'Assignee', width: 13 },
    { key: 'due', content: 'Due', width: 10 },
    { key: 'points', content: 'Story points', width: 7 },
  ],
};

const CATEGORY_WORDS: Record<TicketRow['statusCategory'], string> = {
  new: 'To do',
  indeterminate: 'In progress',
  done: 'Done',
};

const CSV_HEADER = [
  'Key',
  'Summary',
  'Issue type',
  'Status',
  'Status category',
  'Assignee',
  'Due',
  'Story points',
];
const csvRow = (t: TicketRow): CsvCell[] => [
  t.key,
  t.summary,
  t.issueType,
  t.status,
  CATEGORY_WORDS[t.statusCategory],
  t.assignee,
  t.dueDate,
  t.points,
];

type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; fetched: number }
  | { phase: 'done'; count: number }
  | { phase: 'failed'; error: AppErrorBody; fetched: number };

/**
 * Every ticket serving the outcome, a page at a time (the server pages with tokens, so Previous walks back
 * a stack of the tokens seen), each key opening the issue; and all of them as a CSV file.
 */
export function TicketsSection({ projectKey, row }: { projectKey: string; row: ProjectOutcomeRow }) {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const token = stack.at(-1) ?? null;
  const page = stack.length;
  const { state, reload } = useTicketsPage(projectKey, row.id, token, page);
  const [exporting, setExporting] = useState<ExportState>({ phase: 'idle' });
  // The first page says how many tickets the caller may see of all that serve the outcome; it holds for the rest.
  const [counts, setCounts] = useState<{ visible: number; total: number; estimated: boolean } | null>(null);
  const prevRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const moved = useRef<'next' | 'previous' | null>(null);

  const data = state.status === 'ready' ? state.data : null;
  const firstCounts = data?.counts ?? null;
  useEffect(() => {
    if (firstCounts) setCounts(firstCounts);
  }, [firstCounts]);
  const loadingPage = state.status === 'loading' || (state.status === 'ready' && state.refreshing);
  const hasNext = Boolean(data?.nextPageToken) && !loadingPage;
  const hasPrevious = page > 1 && !loadingPage;

  // A pager button that just became disabled (first or last page) would drop focus on the page: hand it over.
  useEffect(() => {
    if (loadingPage || !moved.current) return;
    if (moved.current === 'next' && !hasNext) prevRef.current?.focus();
    if (moved.current === 'previous' && !hasPrevious) nextRef.current?.focus();
    moved.current = null;
  }, [loadingPage, hasNext, hasPrevious]);

  const next = () => {
    if (!data?.nextPageToken) return;
    moved.current = 'next';
    setStack((s) => [...s, data.nextPageToken]);
  };
  const previous = () => {
    moved.current = 'previous';
    setStack((s) => (s.length > 1 ? s.slice(0, -1) : s));
  };

  const exportAll = async () => {
    setExporting({ phase: 'running', fetched: 0 });
    const all = await fetchAllTickets(projectKey, row.id, (fetched) =>
      setExporting({ phase: 'running', fetched }),
    );
    if (!all.ok) {
      setExporting({ phase: 'failed', error: all.error, fetched: all.fetched });
      return;
    }
    const { tickets } = all;
    downloadCsv(`${projectKey}-${fileSlug(row.title)}-tickets-${localDay()}.csv`, [
      CSV_HEADER,
      ...tickets.map(csvRow),
    ]);
    setExporting({ phase: 'done', count: tickets.length });
  };

  const f = row.figures;
  const first = (page - 1) * TICKETS_PAGE.size + 1;
  const shown = data?.tickets.length ?? 0;
  const rangeText = loadingPage
    ? `Loading page ${page}…`
    : shown === 0
      ? 'No tickets'
      : `Tickets ${first}–${first + shown - 1}${data?.nextPageToken ? '' : ` of ${first + shown - 1}`}`;

  const rows: RowType[] = (data?.tickets ?? []).map((t) => ({
    key: t.key,
    testId: `ticket-row-${t.key}`,
    cells: [
      { content: <IssueKeyLink issueKey={t.key} /> },
      { content: t.summary },
      { content: t.issueType },
      { content: <StatusLozenge ticket={t} /> },
      { content: t.assignee ?? <span className="ob-muted">Unassigned</span> },
      { content: <span className="ob-nowrap">{t.dueDate ? formatDay(t.dueDate) : '—'}</span> },
      { content: t.points === null ? '—' : amount(t.points) },
    ],
  }));

  return (
    <div className="ob-stack ob-stack--tight" data-testid="tickets">
      <div className="ob-section-head">
        <p className="ob-small ob-muted">
          Every ticket that serves this outcome in the projects you can see, by key. The numbers count{' '}
          {plural(f.tickets.total, 'ticket')}
          {f.excluded.epics > 0 ? `; ${plural(f.excluded.epics, 'epic')} count through their children` : ''}
          {!f.countSubtasks && f.excluded.subtasks > 0
            ? `; ${plural(f.excluded.subtasks, 'subtask')} count through their parents`
            : ''}
          , and all of them you can see are listed here.
          {counts?.estimated ? (
            <span data-testid="tickets-estimated">
              {' '}
              Jira estimates that {ticketsInWords(counts.total, true)} serve it,{' '}
              {aboutCount(counts.visible, true)} of them in projects and tickets you can browse: too many to
              count one by one.
            </span>
          ) : counts && counts.total > counts.visible ? (
            <span data-testid="tickets-hidden">
              {' '}
              You can see {counts.visible} of the {plural(counts.total, 'ticket')} that serve it; the other{' '}
              {counts.total - counts.visible} {counts.total - counts.visible === 1 ? 'is' : 'are'} in projects
              or tickets you cannot browse.
            </span>
          ) : null}
        </p>
        <div className="ob-toolbar__end">
          <Button
            onClick={() => void exportAll()}
            isLoading={exporting.phase === 'running'}
            testId="export-tickets"
            aria-describedby="export-tickets-status"
          >
            Export tickets (CSV)
          </Button>
        </div>
      </div>
      <ExportStatus state={exporting} onRetry={() => void exportAll()} />

      {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'loading' ? <Skeleton label="Loading the tickets" rows={5} columns={7} /> : null}
      {data && page === 1 && data.tickets.length === 0 ? (
        <div className="ob-empty ob-empty--compact" data-testid="tickets-empty">
          <h4 className="ob-empty__title">No tickets serve this outcome yet</h4>
          <div className="ob-empty__body">
            <p>
              Link tickets from the Outcomes panel on any issue, or with “Link tickets” on this project's
              outcome list (by JQL or by keys) if you can edit the project's tickets. Linking an epic brings
              its stories and subtasks along; an admin's mapping rule links new matching tickets by itself.
            </p>
          </div>
        </div>
      ) : null}
      {data && !(page === 1 && data.tickets.length === 0) ? (
        <>
          <DynamicTable
            testId="tickets-table"
            label={`Tickets serving ${row.title}`}
            head={head}
            rows={rows}
            isLoading={loadingPage}
            loadingLabel="Loading tickets"
          />
          <nav className="ob-pager" aria-label="Ticket pages">
            <Button onClick={previous} isDisabled={!hasPrevious} testId="tickets-previous" ref={prevRef}>
              Previous
            </Button>
            <span role="status" className="ob-small" data-testid="tickets-range">
              {rangeText}
            </span>
            <Button onClick={next} isDisabled={!hasNext} testId="tickets-next" ref={nextRef}>
              Next
            </Button>
          </nav>
        </>
      ) : null}
    </div>
  );
}

function ExportStatus({ state, onRetry }: { state: ExportState; onRetry: () => void }) {
  return (
    <div id="export-tickets-status" role="status" className="ob-small" data-testid="export-tickets-status">
      {state.phase === 'running' ? `Gathering tickets for the file… ${state.fetched} so far.` : null}
      {state.phase === 'done' ? `Exported ${plural(state.count, 'ticket')}.` : null}
      {state.phase === 'failed' ? (
        <Notice appearance="error" title="The export stopped">
          <p>
            {state.error.message} Nothing was saved
            {state.fetched > 0 ? ` (${plural(state.fetched, 'ticket')} had been gathered)` : ''}.
          </p>
          <p>
            <Button onClick={onRetry}>Try the export again</Button>
          </p>
        </Notice>
      ) : null}
    </div>
  );
}
