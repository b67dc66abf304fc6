import Button from '@atlaskit/button/default/button';
import { ChunkBoundary } from '@shared/components/ChunkBoundary';
import { EmptyState } from '@shared/components/EmptyState';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { lazy, Suspense, useMemo, useState } from 'react';
import { type Filters, matches, NO_FILTERS, OutcomeFilters } from './OutcomeFilters';
import { OutcomesTable } from './OutcomesTable';
import { type AdminData, type AdminOutcome, useAdminPage } from './use-admin-page';

// What first paint does not need loads on demand; hovering or focusing a button that opens it starts early.
const loadEditor = () => import('./OutcomeEditor');
const loadDeleteDialog = () => import('./DeleteOutcomeDialog');
const prefetchEditor = () => void loadEditor().catch(() => undefined);
const prefetchDeleteDialog = () => void loadDeleteDialog().catch(() => undefined);

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; outcome: AdminOutcome }
  | { kind: 'delete'; outcome: AdminOutcome };

export function AdminPage() {
  const { state, reload, refresh, adoptSaved, dropDeleted } = useAdminPage();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  // A new lazy component per attempt, so "Try again" after a failed chunk load fetches it again.
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the trigger to create a fresh lazy component.
  const OutcomeEditor = useMemo(() => lazy(loadEditor), [attempt]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const DeleteOutcomeDialog = useMemo(() => lazy(loadDeleteDialog), [attempt]);

  const page = (children: React.ReactNode) => (
    <main
      className={`ob-page${dialog ? ' ob-page--dialog-open' : ''}`}
      aria-busy={state.status === 'loading'}
    >
      <header>
        <h1 className="ob-page-title">Outcomes</h1>
        <p className="ob-page-intro">
          The business results your projects' work serves, each with a business owner and a technology owner.
        </p>
      </header>
      {children}
    </main>
  );

  if (state.status === 'loading') return page(<LoadingState label="Loading outcomes" />);
  if (state.status === 'error') {
    if (state.error.code === 'FORBIDDEN') {
      return page(
        <div data-testid="admin-forbidden">
          <Notice appearance="warning" title="Only Jira admins and project admins can manage outcomes">
            <p>
              Outcome Bridge lets Jira admins, and project admins for their own projects, define the outcomes
              that tickets serve. Your account is neither, so there is nothing to manage here.
            </p>
            <p>
              To see a project's outcomes and how much of their work is done, open the Outcomes page of the
              project. To manage outcomes, ask your Jira admin to make you an admin of the project.
            </p>
          </Notice>
        </div>,
      );
    }
    return page(<ErrorState error={state.error} onRetry={() => void reload()} />);
  }

  const data: AdminData = state.data;
  const canCreate = data.projects.some((p) => p.canManage);
  const visible = data.outcomes.filter(matches(filters));
  const initialProjectKeys = data.projects.some((p) => p.key === filters.projectKey && p.canManage)
    ? [filters.projectKey]
    : data.projects.filter((p) => p.canManage).length === 1
      ? data.projects.filter((p) => p.canManage).map((p) => p.key)
      : [];

  const openCreate = () => {
    setFlash(null);
    setDialog({ kind: 'create' });
  };
  const createButton = (
    <Button
      appearance="primary"
      onClick={openCreate}
      onMouseEnter={prefetchEditor}
      onFocus={prefetchEditor}
      testId="create-outcome"
    >
      Create outcome
    </Button>
  );

  const onSaved = (view: AdminOutcome, how: 'created' | 'updated') => {
    adoptSaved(view);
    setDialog(null);
    const hidden = !matches(filters)(view) ? ' It is hidden by the current filters.' : '';
    setFlash(`${how === 'created' ? 'Created' : 'Saved'} “${view.title}”.${hidden}`);
  };
  const onDeleted = (id: string, title: string) => {
    dropDeleted(id);
    setDialog(null);
    setFlash(`Deleted “${title}”.`);
  };

  return page(
    <>
      {data.outcomes.length > 0 ? (
        <div className="ob-toolbar">
          <OutcomeFilters
            projects={data.projects}
            filters={filters}
            onChange={setFilters}
            shown={visible.length}
            total={data.outcomes.length}
          />
          {canCreate ? <div className="ob-toolbar__end">{createButton}</div> : null}
        </div>
      ) : null}

      {flash ? (
        <div data-testid="admin-flash">
          <Notice appearance="success">
            <p>{flash}</p>
          </Notice>
        </div>
      ) : null}

      {data.outcomes.length === 0 ? (
        <EmptyState
          title="No outcomes yet"
          testId="outcomes-empty"
          action={canCreate ? createButton : undefined}
        >
          <p>
            An outcome is a business result your teams' work should move, such as “Fewer shoppers abandon
            checkout”. It spans one or more projects, has a start and a due date, and names a business owner
            and a technology owner who answer for it together.
          </p>
          <p>
            Once it exists, anyone who can edit a ticket links the ticket to it from the issue's Outcomes
            panel, and each project's Outcomes page shows how much of that work is done.
          </p>
          {canCreate ? null : (
            <p>You can create outcomes in projects you administer; you do not administer any project yet.</p>
          )}
        </EmptyState>
      ) : (
        <OutcomesTable
          outcomes={visible}
          projects={data.projects}
          refreshing={state.refreshing}
          onEdit={(outcome) => {
            setFlash(null);
            setDialog({ kind: 'edit', outcome });
          }}
          onDelete={(outcome) => {
            setFlash(null);
            setDialog({ kind: 'delete', outcome });
          }}
          onPrefetch={() => {
            prefetchEditor();
            prefetchDeleteDialog();
          }}
          emptyView={
            <EmptyState title="No outcome matches these filters" testId="outcomes-filtered-empty">
              <p>
                <Button onClick={() => setFilters(NO_FILTERS)}>Clear filters</Button>
              </p>
            </EmptyState>
          }
        />
      )}

      {dialog ? (
        <ChunkBoundary
          key={attempt}
          what={dialog.kind === 'delete' ? 'The delete dialog' : 'The outcome editor'}
          onRetry={() => setAttempt((n) => n + 1)}
        >
          <Suspense
            fallback={
              <LoadingState
                label={dialog.kind === 'delete' ? 'Opening the delete dialog' : 'Opening the editor'}
              />
            }
          >
            {dialog.kind === 'delete' ? (
              <DeleteOutcomeDialog
                key={dialog.outcome.id}
                outcome={dialog.outcome}
                onClose={() => setDialog(null)}
                onDeleted={onDeleted}
                refresh={refresh}
              />
            ) : (
              <OutcomeEditor
                key={dialog.kind === 'edit' ? dialog.outcome.id : 'new'}
                outcome={dialog.kind === 'edit' ? dialog.outcome : null}
                projects={data.projects}
                initialProjectKeys={initialProjectKeys}
                onClose={() => setDialog(null)}
                onSaved={onSaved}
                refresh={refresh}
              />
            )}
          </Suspense>
        </ChunkBoundary>
      ) : null}
    </>,
  );
}
