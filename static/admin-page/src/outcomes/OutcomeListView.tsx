import Button from '@atlaskit/button/default/button';
import { EmptyState } from '@shared/components/EmptyState';
import type { ReactNode } from 'react';
import type { RecordActions } from '../common/RecordDialogs';
import { type Filters, matches, NO_FILTERS, OutcomeFilters } from './OutcomeFilters';
import { OutcomesTable } from './OutcomesTable';
import type { AdminData, AdminOutcome } from './use-admin-page';

/** The outcomes table with its filters, or an empty state that explains what outcomes are. */
export function OutcomeListView({
  data,
  refreshing,
  filters,
  onFilters,
  canCreate,
  createButton,
  onOpen,
  onEdit,
  onDelete,
  onPrefetch,
  onPrefetchDetail,
}: RecordActions<AdminOutcome> & {
  data: AdminData;
  refreshing: boolean;
  filters: Filters;
  onFilters: (filters: Filters) => void;
  canCreate: boolean;
  createButton: ReactNode;
  onOpen: (outcome: AdminOutcome) => void;
  onPrefetch: () => void;
  onPrefetchDetail: () => void;
}) {
  const visible = data.outcomes.filter(matches(filters));
  if (data.outcomes.length === 0) {
    return (
      <EmptyState
        title="No outcomes yet"
        testId="outcomes-empty"
        action={canCreate ? createButton : undefined}
      >
        <p>
          An outcome is a business result your teams' work should move, such as “Reduce checkout abandonment
          by 15% by Q3”. It spans one or more projects, has a start and a due date, names a business owner and
          a technology owner who answer for it together, and says who decides when they disagree.
        </p>
        <p>
          Give it two or three KPIs, a business one paired with the technical one that moves it. Then anyone
          who can edit a ticket links the ticket to it from the issue's Outcomes panel, and each project's
          Outcomes page shows how much of that work is done.
        </p>
        {canCreate ? null : (
          <p>You can create outcomes in projects you administer; you do not administer any project yet.</p>
        )}
      </EmptyState>
    );
  }
  return (
    <>
      <div className="ob-toolbar">
        <OutcomeFilters
          projects={data.projects}
          filters={filters}
          onChange={onFilters}
          shown={visible.length}
          total={data.outcomes.length}
        />
        {canCreate ? <div className="ob-toolbar__end">{createButton}</div> : null}
      </div>
      <OutcomesTable
        outcomes={visible}
        projects={data.projects}
        refreshing={refreshing}
        onOpen={onOpen}
        onEdit={onEdit}
        onDelete={onDelete}
        onPrefetch={onPrefetch}
        onPrefetchDetail={onPrefetchDetail}
        emptyView={
          <EmptyState title="No outcome matches these filters" testId="outcomes-filtered-empty">
            <p>
              <Button onClick={() => onFilters(NO_FILTERS)}>Clear filters</Button>
            </p>
          </EmptyState>
        }
      />
    </>
  );
}
