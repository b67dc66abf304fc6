import Button from '@atlaskit/button/default/button';
import DynamicTable from '@atlaskit/dynamic-table/stateful';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import type { ProjectOutcomeRow } from '@contract/project-page';
import { Meter } from '@shared/components/Meter';
import { StateLozenge } from '@shared/components/StateLozenge';
import { formatDay, plural } from '@shared/format';
import { doneShare, wholePercent } from './progress';

/** Sorts outcomes without a due date after every dated one. */
const NO_DUE_DATE = '9999-12-31';

const head: HeadType = {
  cells: [
    { key: 'title', content: 'Outcome', isSortable: true, width: 30 },
    { key: 'state', content: 'State' },
    { key: 'owners', content: 'Owners', width: 18 },
    { key: 'due', content: 'Due', isSortable: true },
    { key: 'linked', content: 'Linked tickets', isSortable: true },
    { key: 'done', content: 'Done', isSortable: true, width: 18 },
  ],
};

/** The same columns and one for the row's action, for people who may link tickets. */
const headWithActions: HeadType = {
  cells: [...head.cells, { key: 'actions', content: <span className="ob-visually-hidden">Actions</span> }],
};

/** The DOM id of an outcome's "Link tickets" button, where focus returns when its dialog closes. */
export const bulkLinkOpenerId = (outcomeId: string) => `bulk-link-${outcomeId}`;

export function ProjectOutcomesTable({
  projectName,
  outcomes,
  refreshing,
  onLinkTickets,
  onPrefetchLink,
}: {
  projectName: string;
  outcomes: ProjectOutcomeRow[];
  refreshing: boolean;
  /** Opens the bulk link dialog for an active outcome; null when the caller may not link the tickets. */
  onLinkTickets: ((outcome: ProjectOutcomeRow) => void) | null;
  /** Starts loading the dialog early, on hover or focus of an opener. */
  onPrefetchLink: () => void;
}) {
  const rows: RowType[] = outcomes.map((o) => {
    const share = doneShare(o.linkedCount, o.doneCount);
    const row: RowType = {
      key: o.id,
      cells: [
        {
          key: o.title,
          content: (
            <div>
              <span className="ob-cell-title">{o.title}</span>
              <p className="ob-snippet" title={o.statement}>
                {o.statement}
              </p>
            </div>
          ),
        },
        { key: o.state, content: <StateLozenge state={o.state} /> },
        {
          content: (
            <div className="ob-small">
              <div>
                <span className="ob-muted">Business: </span>
                {o.businessOwner?.displayName ?? 'not set'}
              </div>
              <div>
                <span className="ob-muted">Technology: </span>
                {o.technologyOwner?.displayName ?? 'not set'}
              </div>
            </div>
          ),
        },
        {
          key: o.dueDate ?? NO_DUE_DATE,
          content: <span className="ob-nowrap">{formatDay(o.dueDate)}</span>,
        },
        {
          key: o.linkedCount,
          content: <span data-testid={`linked-count-${o.id}`}>{o.linkedCount}</span>,
        },
        { key: share ?? -1, content: <DoneCell row={o} share={share} /> },
      ],
    };
    if (!onLinkTickets) return row;
    row.cells.push({
      content:
        o.state === 'active' ? (
          <Button
            id={bulkLinkOpenerId(o.id)}
            testId={bulkLinkOpenerId(o.id)}
            aria-label={`Link tickets to ${o.title}`}
            onClick={() => onLinkTickets(o)}
            onMouseEnter={onPrefetchLink}
            onFocus={onPrefetchLink}
          >
            Link tickets
          </Button>
        ) : null,
    });
    return row;
  });

  return (
    <DynamicTable
      testId="project-outcomes"
      label={`Outcomes of ${projectName}`}
      head={onLinkTickets ? headWithActions : head}
      rows={rows}
      defaultSortKey="due"
      defaultSortOrder="ASC"
      isLoading={refreshing}
      loadingLabel="Refreshing outcomes"
    />
  );
}

function DoneCell({ row, share }: { row: ProjectOutcomeRow; share: number | null }) {
  if (share === null) {
    return (
      <span className="ob-muted ob-small" data-testid={`done-${row.id}`}>
        no tickets linked yet
      </span>
    );
  }
  const percent = wholePercent(share);
  return (
    <div className="ob-field" data-testid={`done-${row.id}`}>
      <span className="ob-nowrap">
        <span data-testid={`done-count-${row.id}`}>{row.doneCount}</span> of {row.linkedCount} ·{' '}
        <strong data-testid={`done-percent-${row.id}`}>{percent}%</strong>
      </span>
      <Meter
        share={share}
        label={`${row.title}: ${plural(Math.min(row.doneCount, row.linkedCount), 'ticket')} of ${row.linkedCount} done`}
      />
    </div>
  );
}
