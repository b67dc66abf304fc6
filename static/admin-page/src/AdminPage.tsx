import type { AdminPageContract } from '@contract/admin-page';
import type { OutputOf } from '@contract/surface';
import { ErrorState } from '@shared/components/ErrorState';
import { Flash } from '@shared/components/Flash';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { useAppHistory } from '@shared/use-app-history';
import { prefetch, useLazyComponent } from '@shared/use-lazy';
import { useCallback, useEffect, useRef, useState } from 'react';
import { OpenButton, type RecordActions, type RecordDialog, RecordDialogs } from './common/RecordDialogs';
import { useViewDialog } from './common/use-view-dialog';
import { type Filters, matches, NO_FILTERS } from './outcomes/OutcomeFilters';
import { OutcomeListView } from './outcomes/OutcomeListView';
import { openOutcomeTestId } from './outcomes/OutcomesTable';
import { type AdminData, type AdminOutcome, useAdminPage } from './outcomes/use-admin-page';
import type { ImportResult } from './transfer/ImportDialog';
import { TransferActions } from './transfer/TransferActions';

// What first paint does not need loads on demand; hovering or focusing what opens it starts early.
const loadEditor = () => import('./outcomes/OutcomeEditor');
const loadDeleteDialog = () => import('./outcomes/DeleteOutcomeDialog');
const loadDetail = () => import('./outcomes/OutcomeDetailView');
const loadSettings = () => import('./settings/SettingsView');
const loadImport = () => import('./transfer/ImportDialog');
const loadRules = () => import('./rules/RulesView');
const prefetchEditor = prefetch(loadEditor);
const prefetchDeleteDialog = prefetch(loadDeleteDialog);
const prefetchDetail = prefetch(loadDetail);
const prefetchSettings = prefetch(loadSettings);
const prefetchImport = prefetch(loadImport);
const prefetchRules = prefetch(loadRules);

type View =
  | { kind: 'list' }
  | { kind: 'detail'; id: string; checkInKpiId?: string }
  | { kind: 'settings' }
  | { kind: 'rules' };
type Dialog = RecordDialog<AdminOutcome> | { kind: 'import' };

const PAGE_HEADING = 'admin-page-heading';

const pathOf = (view: View): string =>
  view.kind === 'detail' ? `/outcome/${view.id}` : view.kind === 'list' ? '/' : `/${view.kind}`;

/** The view an address names; anything else is the list. */
function viewOf(path: string): View {
  // `/outcome/<id>/check-in/<kpi>` is where the other pages' "check-in due" links lead (checkInPath).
  const [, id, checkInKpiId] = /^\/outcome\/([\w-]+)(?:\/check-in\/([\w-]+))?$/.exec(path) ?? [];
  if (id) return checkInKpiId ? { kind: 'detail', id, checkInKpiId } : { kind: 'detail', id };
  if (path === '/settings') return { kind: 'settings' };
  if (path === '/rules') return { kind: 'rules' };
  return { kind: 'list' };
}

/**
 * The admin page: the outcomes table, one outcome's detail with its KPIs, the mapping rules and the
 * settings, as views of one page, each with its own address; the outcome editor, delete and import dialogs over them.
 */
type SavedWithKpis = OutputOf<AdminPageContract, 'outcomes/update'>;

/** What a save with new dates did to the KPIs, as the flash after it says. */
function kpiChangesInWords(saved: AdminOutcome | SavedWithKpis): string {
  if (!('kpiChanges' in saved)) return '';
  const names = (list: { name: string }[]) => list.map((k) => `“${k.name}”`).join(', ');
  const { moved, unpublished, republished } = saved.kpiChanges;
  return [
    moved.length > 0 ? ` Moved the due date of ${names(moved)}.` : '',
    unpublished.length > 0 ? ` Now drafts, out of KPI progress and health: ${names(unpublished)}.` : '',
    republished.length > 0 ? ` Counting again: ${names(republished)}.` : '',
  ].join('');
}

export function AdminPage() {
  const { state, reload, refresh, adoptSaved, dropDeleted } = useAdminPage();
  // Each view has its own address under the admin page's, so Back works and a view can be shared.
  const { path, go } = useAppHistory();
  const view = viewOf(path ?? '/');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { dialog, open: openDialog, close, done, flash, setFlash, returnFocus } = useViewDialog<Dialog>();
  const editor = useLazyComponent(loadEditor, 'the outcome editor');
  const deleter = useLazyComponent(loadDeleteDialog, 'the delete dialog');
  const detail = useLazyComponent(loadDetail, { what: "The outcome's page", loading: 'Opening the outcome' });
  const settings = useLazyComponent(loadSettings, 'the settings');
  const importer = useLazyComponent(loadImport, 'the import dialog');
  const rules = useLazyComponent(loadRules, 'the mapping rules');
  /** What to focus once the list shows again (the outcome the user came back from, by test id). */
  const focusOnList = useRef<string | null>(null);

  useEffect(() => {
    if (view.kind !== 'list' || focusOnList.current === null) return;
    const testId = focusOnList.current;
    focusOnList.current = null;
    const target =
      document.querySelector<HTMLElement>(`[data-testid="${testId}"]`) ??
      document.getElementById(PAGE_HEADING);
    target?.focus();
  }, [view]);

  const showList = (focusTestId: string | null) => {
    focusOnList.current = focusTestId ?? PAGE_HEADING;
    go('/');
  };
  const showView = (next: View) => {
    setFlash(null);
    go(pathOf(next));
  };
  const openOutcome = (id: string) => showView({ kind: 'detail', id });
  const onOutcomeChanged = useCallback((outcome: AdminOutcome) => adoptSaved(outcome), [adoptSaved]);

  const page = (children: React.ReactNode, actions?: React.ReactNode) => (
    <main
      className={`ob-page${dialog ? ' ob-page--dialog-open' : ''}`}
      aria-busy={state.status === 'loading'}
    >
      <header className="ob-page-header">
        <div>
          <h1 className="ob-page-title" id={PAGE_HEADING} tabIndex={-1}>
            Outcomes
          </h1>
          <p className="ob-page-intro">
            The business results your projects' work serves, each owned jointly by business and technology,
            with the KPIs that show it is happening.
          </p>
        </div>
        {actions ? <div className="ob-page-actions">{actions}</div> : null}
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
  const initialProjectKeys = data.projects.some((p) => p.key === filters.projectKey && p.canManage)
    ? [filters.projectKey]
    : data.projects.filter((p) => p.canManage).length === 1
      ? data.projects.filter((p) => p.canManage).map((p) => p.key)
      : [];

  const createButton = (
    <OpenButton
      onOpen={() => openDialog({ kind: 'create' })}
      prefetch={prefetchEditor}
      testId="create-outcome"
    >
      Create outcome
    </OpenButton>
  );

  const onSaved = (saved: AdminOutcome | SavedWithKpis, how: 'created' | 'updated') => {
    adoptSaved(saved);
    if (how === 'created') {
      // A new outcome opens at once: its KPIs are what the admin sets up next.
      done(`Created “${saved.title}”. Now give it two or three KPIs.`);
      go(pathOf({ kind: 'detail', id: saved.id }));
      return;
    }
    const hidden =
      view.kind === 'list' && !matches(filters)(saved) ? ' It is hidden by the current filters.' : '';
    done(`Saved “${saved.title}”.${kpiChangesInWords(saved)}${hidden}`);
  };
  const onDeleted = (id: string, title: string) => {
    dropDeleted(id);
    done(`Deleted “${title}”.`);
    if (view.kind === 'detail') showList(null);
    else returnFocus.focusNext(PAGE_HEADING);
  };
  const onImported = (result: ImportResult) => {
    void refresh();
    const { outcomes, kpis, checkIns, rules } = result;
    done(
      `Imported: ${outcomes.create} ${outcomes.create === 1 ? 'outcome' : 'outcomes'} created, ${outcomes.update} updated, ${outcomes.unchanged} left as they were; ${kpis.create + kpis.update} KPIs, ${checkIns.create + checkIns.update} check-ins and ${rules.create + rules.update} mapping rules written.`,
    );
  };

  /** Edit and Delete of an outcome, from its row of the list or from its detail view. */
  const outcomeActions: RecordActions<AdminOutcome> = {
    onEdit: (outcome) => openDialog({ kind: 'edit', record: outcome }),
    onDelete: (outcome) => {
      prefetchDeleteDialog();
      openDialog({ kind: 'delete', record: outcome });
    },
  };
  /** What the editor and the delete dialog are both given: how to close, reload, and where focus returns. */
  const dialogWiring = { onClose: close, refresh, returnFocus: returnFocus.ref };

  const listActions =
    view.kind === 'list' ? (
      <>
        <TransferActions
          canImport={canCreate}
          onImport={() => openDialog({ kind: 'import' })}
          onPrefetchImport={prefetchImport}
          onExported={setFlash}
        />
        <OpenButton
          appearance="subtle"
          onOpen={() => showView({ kind: 'rules' })}
          prefetch={prefetchRules}
          testId="open-rules"
        >
          Mapping rules
        </OpenButton>
        <OpenButton
          appearance="subtle"
          onOpen={() => showView({ kind: 'settings' })}
          prefetch={prefetchSettings}
          testId="open-settings"
        >
          Settings
        </OpenButton>
      </>
    ) : null;

  return page(
    <>
      <Flash message={flash} testId="admin-flash" />
      {data.outsideAppReach.length > 0 && view.kind === 'list' ? (
        <div data-testid="outside-app-reach">
          <Notice appearance="warning" title="Work Outcome Bridge cannot see">
            {data.outsideAppReach.map((words) => (
              <p key={words}>{words}</p>
            ))}
          </Notice>
        </div>
      ) : null}

      {view.kind === 'list' ? (
        <OutcomeListView
          data={data}
          refreshing={state.refreshing}
          filters={filters}
          onFilters={setFilters}
          canCreate={canCreate}
          createButton={createButton}
          onOpen={(o) => openOutcome(o.id)}
          {...outcomeActions}
          onPrefetch={() => {
            prefetchEditor();
            prefetchDeleteDialog();
          }}
          onPrefetchDetail={prefetchDetail}
        />
      ) : null}

      {view.kind === 'detail'
        ? detail.wrap(
            <detail.Component
              key={view.id}
              id={view.id}
              checkInKpiId={view.checkInKpiId}
              outcomes={data.outcomes}
              projects={data.projects}
              onBack={() => {
                setFlash(null);
                showList(openOutcomeTestId(view.id));
              }}
              onOpenOutcome={openOutcome}
              {...outcomeActions}
              onPrefetchEditor={prefetchEditor}
              onOutcomeChanged={onOutcomeChanged}
            />,
          )
        : null}

      {view.kind === 'settings'
        ? settings.wrap(<settings.Component onBack={() => showList('open-settings')} />)
        : null}

      {view.kind === 'rules'
        ? rules.wrap(<rules.Component outcomes={data.outcomes} onBack={() => showList('open-rules')} />)
        : null}

      <RecordDialogs
        dialog={dialog}
        editor={editor}
        deleter={deleter}
        renderEditor={(outcome) => (
          <editor.Component
            key={outcome?.id ?? 'new'}
            outcome={outcome}
            projects={data.projects}
            outcomes={data.outcomes}
            initialProjectKeys={initialProjectKeys}
            onSaved={onSaved}
            {...dialogWiring}
          />
        )}
        renderDelete={(outcome) => (
          <deleter.Component key={outcome.id} outcome={outcome} onDeleted={onDeleted} {...dialogWiring} />
        )}
      />

      {dialog?.kind === 'import'
        ? importer.wrap(<importer.Component onClose={close} onImported={onImported} />)
        : null}
    </>,
    listActions,
  );
}
