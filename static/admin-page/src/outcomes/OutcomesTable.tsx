import DynamicTable from '@atlaskit/dynamic-table/stateful';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import type { OutcomeState } from '@contract/primitives';
import { projectsInWords } from '@domain/project-words';
import { StateLozenge } from '@shared/components/StateLozenge';
import { formatDay, formatMoment } from '@shared/format';
import type { MouseEvent, ReactElement } from 'react';
import { EditDeleteButtons, type RecordActions } from '../common/RecordDialogs';
import { KpiCountCell } from './KpiCountCell';
import type { AdminOutcome, AdminProject } from './use-admin-page';

/** Sorts outcomes without a due date after every dated one. */
const NO_DUE_DATE = '9999-12-31';
const STATE_ORDER: Record<OutcomeState, number> = { active: 0, achieved: 1, dropped: 2 };

const head: HeadType = {
  cells: [
    { key: 'title', content: 'Outcome', isSortable: true, width: 24 },
    { key: 'projects', content: 'Projects' },
    { key: 'business', content: 'Business owner' },
    { key: 'technology', content: 'Technology owner' },
    { key: 'kpis', content: 'KPIs', isSortable: true },
    { key: 'start', content: 'Start' },
    { key: 'due', content: 'Due', isSortable: true },
    { key: 'state', content: 'State', isSortable: true },
    { key: 'updated', content: 'Last edited', isSortable: true },
    { key: 'actions', content: <span className="ob-visually-hidden">Actions</span> },
  ],
};

interface Props extends RecordActions<AdminOutcome> {
  outcomes: AdminOutcome[];
  projects: AdminProject[];
  refreshing: boolean;
  emptyView: ReactElement;
  /** Opens the outcome's detail view. */
  onOpen: (outcome: AdminOutcome) => void;
  onPrefetch: () => void;
  onPrefetchDetail: () => void;
}

export const openOutcomeTestId = (id: string) => `open-outcome-${id}`;

/** A click anywhere on a row opens it, except on its own buttons and links. */
const fromControl = (event: MouseEvent) =>
  event.target instanceof Element && event.target.closest('button, a, input, select, textarea') !== null;

export function OutcomesTable({
  outcomes,
  projects,
  refreshing,
  emptyView,
  onEdit,
  onDelete,
  onOpen,
  onPrefetch,
  onPrefetchDetail,
}: Props) {
  const projectName = new Map(projects.map((p) => [p.key, p.name]));
  const rows: RowType[] = outcomes.map((o) => ({
    key: o.id,
    className: 'ob-row-clickable',
    onClick: (event: MouseEvent) => {
      if (!fromControl(event)) onOpen(o);
    },
    cells: [
      {
        key: o.title,
        content: (
          <div>
            <button
              type="button"
              className="ob-link-button ob-cell-title"
              onClick={() => onOpen(o)}
              onFocus={onPrefetchDetail}
              onMouseEnter={onPrefetchDetail}
              data-testid={openOutcomeTestId(o.id)}
            >
              <span data-testid={`outcome-title-${o.id}`}>{o.title}</span>
              <span className="ob-visually-hidden">: open its KPIs and details</span>
            </button>
            <p className="ob-snippet" title={o.statement}>
              {o.statement}
            </p>
          </div>
        ),
      },
      {
        content: (
          <span className="ob-small">
            {o.projectKeys.map((key, i) => (
              <span key={key}>
                {i > 0 ? ', ' : null}
                <span title={key}>{projectName.get(key) ?? key}</span>
              </span>
            ))}
            {o.hiddenProjects > 0 ? ` and ${projectsInWords([], o.hiddenProjects)}` : null}
          </span>
        ),
      },
      { content: o.businessOwner?.displayName ?? <span className="ob-muted">not set</span> },
      { content: o.technologyOwner?.displayName ?? <span className="ob-muted">not set</span> },
      { key: o.kpiCount, content: <KpiCountCell outcome={o} /> },
      { content: <span className="ob-nowrap">{formatDay(o.startDate)}</span> },
      { key: o.dueDate ?? NO_DUE_DATE, content: <span className="ob-nowrap">{formatDay(o.dueDate)}</span> },
      { key: STATE_ORDER[o.state], content: <StateLozenge state={o.state} /> },
      {
        key: o.updatedAt,
        content: (
          <span className="ob-small">
            {o.updatedBy?.displayName ?? 'Someone'}
            <br />
            <time className="ob-muted" dateTime={o.updatedAt}>
              {formatMoment(o.updatedAt)}
            </time>
          </span>
        ),
      },
      {
        content: o.canManage ? (
          <div className="ob-actions">
            <EditDeleteButtons
              record={o}
              actions={{ onEdit, onDelete }}
              what={o.title}
              testIds={{ edit: `edit-outcome-${o.id}`, delete: `delete-outcome-${o.id}` }}
              prefetchEditor={onPrefetch}
            />
          </div>
        ) : (
          <span
            className="ob-muted ob-small ob-nowrap"
            title="It spans a project you do not administer."
            data-testid={`read-only-${o.id}`}
          >
            Read only
            <span className="ob-visually-hidden">: it spans a project you do not administer.</span>
          </span>
        ),
      },
    ],
  }));

  return (
    <DynamicTable
      testId="outcomes-table"
      label="Outcomes"
      head={head}
      rows={rows}
      defaultSortKey="due"
      defaultSortOrder="ASC"
      isLoading={refreshing}
      loadingLabel="Refreshing outcomes"
      emptyView={emptyView}
    />
  );
}
