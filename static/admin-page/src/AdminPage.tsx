import Button from '@atlaskit/button/default/button';
import type { AdminPageContract } from '@contract/admin-page';
import type { OutputOf } from '@contract/surface';
import { ErrorState } from '@shared/components/ErrorState';
import { Flash } from '@shared/components/Flash';
import { LazyPart } from '@shared/components/LazyPart';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { prefetch, useLazyComponent } from '@shared/use-lazy';
import { useCallback, useEffect, useRef, useState } from 'react';
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

type View = { kind: 'list' } | { kind: 'detail'; id: string } | { kind: 'settings' } | { kind: 'rules' };
type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; outcome: AdminOutcome }
  | { kind: 'delete'; outcome: AdminOutcome }
  | { kind: 'import' };

const PAGE_HEADING = 'admin-page-heading';

/**
 * The admin page: the outcomes table, one outcome's detail with its KPIs, the mapping rules and the
 * settings, as views of one page (no browser history); the outcome editor, delete and import dialogs over them.
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
  const [view, setView] = useState<View>({ kind: 'list' });
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { dialog, open: openDialog, close, done, flash, setFlash, returnFocus } = useViewDialog<Dialog>();
  const editor = useLazyComponent(loadEditor);
  const deleter = useLazyComponent(loadDeleteDialog);
  const detail = useLazyComponent(loadDetail);
  const settings = useLazyComponent(loadSettings);
  const importer = useLazyComponent(loadImport);
  const rules = useLazyComponent(loadRules);
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
    setView({ kind: 'list' });
  };
  const openOutcome = (id: string) => {
    setFlash(null);
    setView({ kind: 'detail', id });
  };
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
    <Button
      appearance="primary"
      onClick={() => openDialog({ kind: 'create' })}
      onMouseEnter={prefetchEditor}
      onFocus={prefetchEditor}
      testId="create-outcome"
    >
      Create outcome
    </Button>
  );

  const onSaved = (saved: AdminOutcome | SavedWithKpis, how: 'created' | 'updated') => {
    adoptSaved(saved);
    if (how === 'created') {
      // A new outcome opens at once: its KPIs are what the admin sets up next.
      done(`Created “${saved.title}”. Now give it two or three KPIs.`);
      setView({ kind: 'detail', id: saved.id });
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

  const listActions =
    view.kind === 'list' ? (
      <>
        <TransferActions
          canImport={canCreate}
          onImport={() => openDialog({ kind: 'import' })}
          onPrefetchImport={prefetchImport}
          onExported={setFlash}
        />
        <Button
          appearance="subtle"
          onClick={() => {
            setFlash(null);
            setView({ kind: 'rules' });
          }}
          onFocus={prefetchRules}
          onMouseEnter={prefetchRules}
          testId="open-rules"
        >
          Mapping rules
        </Button>
        <Button
          appearance="subtle"
          onClick={() => {
            setFlash(null);
            setView({ kind: 'settings' });
          }}
          onFocus={prefetchSettings}
          onMouseEnter={prefetchSettings}
          testId="open-settings"
        >
          Settings
        </Button>
      </>
    ) : null;

  return page(
    <>
      <Flash message={flash} testId="admin-flash" />

      {view.kind === 'list' ? (
        <OutcomeListView
          data={data}
          refreshing={state.refreshing}
          filters={filters}
          onFilters={setFilters}
          canCreate={canCreate}
          createButton={createButton}
          onOpen={(o) => openOutcome(o.id)}
          onEdit={(outcome) => openDialog({ kind: 'edit', outcome })}
          onDelete={(outcome) => openDialog({ kind: 'delete', outcome })}
          onPrefetch={() => {
            prefetchEditor();
            prefetchDeleteDialog();
          }}
          onPrefetchDetail={prefetchDetail}
        />
      ) : null}

      {view.kind === 'detail' ? (
        <LazyPart
          attempt={detail.attempt}
          what="The outcome's page"
          loading="Opening the outcome"
          onRetry={detail.retry}
        >
          <detail.Component
            key={view.id}
            id={view.id}
            outcomes={data.outcomes}
            projects={data.projects}
            onBack={() => {
              setFlash(null);
              showList(openOutcomeTestId(view.id));
            }}
            onOpenOutcome={openOutcome}
            onEdit={(outcome) => openDialog({ kind: 'edit', outcome })}
            onDelete={(outcome) => {
              prefetchDeleteDialog();
              openDialog({ kind: 'delete', outcome });
            }}
            onPrefetchEditor={prefetchEditor}
            onOutcomeChanged={onOutcomeChanged}
          />
        </LazyPart>
      ) : null}

      {view.kind === 'settings' ? (
        <LazyPart
          attempt={settings.attempt}
          what="The settings"
          loading="Opening the settings"
          onRetry={settings.retry}
        >
          <settings.Component onBack={() => showList('open-settings')} />
        </LazyPart>
      ) : null}

      {view.kind === 'rules' ? (
        <LazyPart
          attempt={rules.attempt}
          what="The mapping rules"
          loading="Opening the mapping rules"
          onRetry={rules.retry}
        >
          <rules.Component outcomes={data.outcomes} onBack={() => showList('open-rules')} />
        </LazyPart>
      ) : null}

      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <LazyPart
          attempt={editor.attempt}
          what="The outcome editor"
          loading="Opening the editor"
          onRetry={editor.retry}
        >
          <editor.Component
            key={dialog.kind === 'edit' ? dialog.outcome.id : 'new'}
            outcome={dialog.kind === 'edit' ? dialog.outcome : null}
            projects={data.projects}
            outcomes={data.outcomes}
            initialProjectKeys={initialProjectKeys}
            onClose={close}
            onSaved={onSaved}
            refresh={refresh}
            returnFocus={returnFocus.ref}
          />
        </LazyPart>
      ) : null}

      {dialog?.kind === 'delete' ? (
        <LazyPart
          attempt={deleter.attempt}
          what="The delete dialog"
          loading="Opening the delete dialog"
          onRetry={deleter.retry}
        >
          <deleter.Component
            key={dialog.outcome.id}
            outcome={dialog.outcome}
            onClose={close}
            onDeleted={onDeleted}
            refresh={refresh}
            returnFocus={returnFocus.ref}
          />
        </LazyPart>
      ) : null}

      {dialog?.kind === 'import' ? (
        <LazyPart
          attempt={importer.attempt}
          what="The import dialog"
          loading="Opening the import dialog"
          onRetry={importer.retry}
        >
          <importer.Component onClose={close} onImported={onImported} />
        </LazyPart>
      ) : null}
    </>,
    listActions,
  );
}
