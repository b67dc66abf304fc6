import Button from '@atlaskit/button/default/button';
import type { ProjectOutcomeRow } from '@contract/project-page';
import { EmptyState } from '@shared/components/EmptyState';
import { ErrorState } from '@shared/components/ErrorState';
import { Flash } from '@shared/components/Flash';
import { downloadCsv } from '@shared/csv';
import { localDay } from '@shared/download';
import { useAppHistory } from '@shared/use-app-history';
import { prefetch, useLazyComponent } from '@shared/use-lazy';
import { useEffect, useRef, useState } from 'react';
import type { BulkCloseReason } from './BulkLinkDialog';
import { type BulkOutcomeChoice, openBulkLinkModal, useCountsChanged } from './bulk-link-modal';
import { CoveragePanel, LINK_UNALIGNED_ID } from './CoveragePanel';
import {
  DEFAULT_SORT,
  filterOutcomes,
  OUTCOMES_CSV_HEADER,
  outcomeCsvRow,
  type Sort,
  STATE_FILTER_LABEL,
  type StateFilter,
  showingSentence,
  sortOutcomes,
} from './outcome-table';
import { bulkLinkOpenerId, openOutcomeId, ProjectOutcomesTable } from './ProjectOutcomesTable';
import { Skeleton } from './Skeleton';
import { StateFilterPicker } from './StateFilterPicker';
import { type CoveragePeriod, useCoverage } from './use-coverage';
import { useProjectOutcomes } from './use-project-outcomes';

// Neither the bulk link dialog nor an outcome's detail is needed for the first paint. The dialog opens
// in a Forge modal (a frame of its own); fetching its chunk early here lets that frame find it cached.
const loadBulkDialog = () => import('./BulkLinkDialog');
const loadDetail = () => import('./detail/OutcomeDetailView');
const prefetchBulkDialog = prefetch(loadBulkDialog);
const prefetchDetail = prefetch(loadDetail);

const PAGE_HEADING = 'project-page-heading';

type View = { kind: 'list' } | { kind: 'detail'; row: ProjectOutcomeRow };

/** What the link dialog opens with: an outcome (or none picked yet), tickets filled in, and who opened it. */
interface Linking {
  outcomeId: string;
  keys: string[] | null;
  from: 'row' | 'coverage';
}

/**
 * The project outcome page: every outcome of the project with its figures, sortable and filtered by state;
 * alignment coverage; an outcome's detail in place of the list; bulk linking in a dialog over either.
 */
export function ProjectOutcomes({ projectKey }: { projectKey: string }) {
  const { state, reload, fetchLatest } = useProjectOutcomes(projectKey);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [filter, setFilter] = useState<StateFilter>('active');
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [period, setPeriod] = useState<CoveragePeriod>('90d');
  const [coverageSignal, setCoverageSignal] = useState(0);
  const [linking, setLinking] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const detail = useLazyComponent(loadDetail, {
    what: "The outcome's detail",
    loading: 'Opening the outcome',
  });
  /** Whether the open dialog started from the coverage panel, whose counts then change too. */
  const linkingFromCoverage = useRef(false);
  useCountsChanged(projectKey, () => {
    void fetchLatest();
    if (linkingFromCoverage.current) setCoverageSignal((n) => n + 1);
  });
  /** Where focus goes once the list shows again: the outcome the user came back from. */
  const focusOnList = useRef<string | null>(null);

  const ready = state.status === 'ready' ? state.data : null;
  const refreshing = state.status === 'ready' && state.refreshing;
  const all = ready?.outcomes ?? [];
  const activeOutcomes = all.filter((o) => o.state === 'active');
  const shown = sortOutcomes(filterOutcomes(all, filter), sort);
  const canLink = ready?.canLink ?? false;
  const projectName = ready?.project.name ?? projectKey;

  useEffect(() => {
    if (view.kind !== 'list' || focusOnList.current === null) return;
    const id = focusOnList.current;
    focusOnList.current = null;
    (document.getElementById(id) ?? document.getElementById(PAGE_HEADING))?.focus();
  }, [view]);

  // Each outcome has its own address (/outcome/<id> under the page's): Back returns to the list and a
  // link to "why this number" can be shared. The view follows the address once the rows are there.
  const { path, go } = useAppHistory();
  const rows = ready?.outcomes;
  useEffect(() => {
    if (path === null || !rows) return;
    const id = /^\/outcome\/([\w-]+)$/.exec(path)?.[1];
    const row = id ? rows.find((r) => r.id === id) : undefined;
    setView((current) => {
      if (row) return current.kind === 'detail' && current.row === row ? current : { kind: 'detail', row };
      if (current.kind === 'detail') focusOnList.current = openOutcomeId(current.row.id);
      return current.kind === 'list' ? current : { kind: 'list' };
    });
  }, [path, rows]);

  const openDetail = (row: ProjectOutcomeRow) => {
    setFlash(null);
    go(`/outcome/${row.id}`);
  };
  const backToList = (row: ProjectOutcomeRow) => {
    focusOnList.current = openOutcomeId(row.id);
    go('/');
  };

  const openBulkLink = (next: Linking, opener: string) => {
    if (linking) return;
    setFlash(null);
    setLinking(true);
    linkingFromCoverage.current = next.from === 'coverage';
    const choices = activeOutcomes.length > 0 ? activeOutcomes : all.filter((o) => o.id === next.outcomeId);
    void openBulkLinkModal(
      {
        projectName,
        outcomes: choices.map(choiceOf),
        initialOutcomeId: next.outcomeId,
        initialKeys: next.keys,
      },
      (reason) => closeBulkLink(reason, next, opener),
    ).then((opened) => {
      if (opened) return;
      setLinking(false);
      setFlash('Jira did not open the link dialog. Reload the page and try again.');
    });
  };
  /** The dialog closed: focus back where it was opened, the counts and coverage brought up to date. */
  const closeBulkLink = (reason: BulkCloseReason, from: Linking, opener: string) => {
    setLinking(false);
    linkingFromCoverage.current = false;
    document.getElementById(opener)?.focus();
    if (reason === 'unused') return;
    void fetchLatest();
    if (from.from === 'coverage') setCoverageSignal((n) => n + 1);
    if (reason === 'running') {
      setFlash('Linking goes on in the background. Select Refresh in a little while to see the new counts.');
    } else if (reason === 'counting') {
      setFlash('The counts may take a moment to include the new links. Select Refresh to see them.');
    }
  };

  const exportOutcomes = () =>
    downloadCsv(`${projectKey}-outcomes-${filter}-${localDay()}.csv`, [
      OUTCOMES_CSV_HEADER,
      ...shown.map(outcomeCsvRow),
    ]);

  const linkUnavailable = !canLink
    ? `Linking these tickets needs permission to edit ${projectName}'s tickets, which your account does not have. A Jira admin or an admin of ${projectName} can grant it.`
    : activeOutcomes.length === 0
      ? 'There is no active outcome to link them to. Jira admins and project admins create outcomes on the Outcome Bridge admin page.'
      : null;

  return (
    <main className="ob-page" aria-busy={state.status === 'loading' || refreshing}>
      <header className="ob-toolbar">
        <div>
          <h1 className="ob-page-title" id={PAGE_HEADING} tabIndex={-1} data-testid="project-name">
            {ready
              ? `${ready.project.name} outcomes`
              : state.status === 'loading'
                ? 'Loading outcomes…'
                : 'Outcomes'}
          </h1>
          <p className="ob-page-intro">
            The business results this project's work serves: how much of the work is done, whether the KPIs
            are moving, and how much time is left. Every number explains itself.
          </p>
        </div>
        {ready && all.length > 0 && view.kind === 'list' ? (
          <div className="ob-toolbar__end ob-page-actions">
            <Button onClick={exportOutcomes} testId="export-outcomes" isDisabled={shown.length === 0}>
              Export CSV
            </Button>
            <Button onClick={() => void reload()} isLoading={refreshing} testId="refresh-outcomes">
              Refresh
            </Button>
          </div>
        ) : null}
      </header>

      <Flash message={flash} testId="project-flash" appearance="information" />

      {state.status === 'loading' ? (
        <Skeleton label="Loading the project's outcomes" rows={4} columns={7} testId="project-loading" />
      ) : null}
      {state.status === 'error' ? (
        <div data-testid="project-error">
          <ErrorState error={state.error} onRetry={() => void reload()} />
        </div>
      ) : null}
      {ready && all.length === 0 ? <NoOutcomes projectName={ready.project.name} /> : null}

      {ready && all.length > 0 && view.kind === 'detail'
        ? detail.wrap(
            <detail.Component
              projectKey={projectKey}
              row={all.find((o) => o.id === view.row.id) ?? view.row}
              onBack={() => backToList(view.row)}
            />,
          )
        : null}

      {ready && all.length > 0 && view.kind === 'list' ? (
        <>
          <div className="ob-list-controls">
            <StateFilterPicker value={filter} outcomes={all} onChange={setFilter} />
            <div className="ob-project-summary">
              <p className="ob-muted" data-testid="project-outcomes-summary" aria-live="polite">
                {showingSentence(shown.length, all.length, filter)} Delivery counts tickets that inherit an
                outcome from their epic or parent.
              </p>
              {!canLink && activeOutcomes.length > 0 ? (
                <p className="ob-muted ob-small" data-testid="bulk-link-unavailable">
                  Linking tickets to outcomes from here needs permission to edit {ready.project.name}'s
                  tickets, which your account does not have. A Jira admin or an admin of {ready.project.name}{' '}
                  can grant it.
                </p>
              ) : null}
            </div>
          </div>
          <ProjectOutcomesTable
            projectKey={ready.project.key}
            projectName={ready.project.name}
            outcomes={shown}
            sort={sort}
            onSort={setSort}
            refreshing={refreshing}
            emptyView={
              <div className="ob-filter-empty" data-testid="filter-empty">
                <p>
                  No {STATE_FILTER_LABEL[filter].toLowerCase()} outcomes in {ready.project.name}.
                </p>
                <Button appearance="subtle" onClick={() => setFilter('all')} testId="show-all-outcomes">
                  Show all {all.length} outcomes
                </Button>
              </div>
            }
            onOpen={openDetail}
            onPrefetchDetail={prefetchDetail}
            onLinkTickets={
              canLink
                ? (o) => openBulkLink({ outcomeId: o.id, keys: null, from: 'row' }, bulkLinkOpenerId(o.id))
                : null
            }
            onPrefetchLink={prefetchBulkDialog}
          />
          <CoverageSection
            projectKey={projectKey}
            projectName={ready.project.name}
            period={period}
            onPeriod={setPeriod}
            signal={coverageSignal}
            linkThese={
              linkUnavailable
                ? { unavailable: linkUnavailable }
                : {
                    onLink: (keys) =>
                      openBulkLink(
                        {
                          outcomeId: activeOutcomes.length === 1 ? (activeOutcomes[0]?.id ?? '') : '',
                          keys,
                          from: 'coverage',
                        },
                        LINK_UNALIGNED_ID,
                      ),
                  }
            }
          />
        </>
      ) : null}
    </main>
  );
}

/** Coverage loads only once the page has outcomes to align work with; `signal` asks it to count again. */
function CoverageSection({
  projectKey,
  projectName,
  period,
  onPeriod,
  signal,
  linkThese,
}: {
  projectKey: string;
  projectName: string;
  period: CoveragePeriod;
  onPeriod: (period: CoveragePeriod) => void;
  signal: number;
  linkThese: { onLink: (keys: string[]) => void } | { unavailable: string };
}) {
  const coverage = useCoverage(projectKey, period);
  const { fetchLatest } = coverage;
  // Only a signal sent while this section is shown counts again; the first load needs none.
  const seen = useRef(signal);
  useEffect(() => {
    if (signal === seen.current) return;
    seen.current = signal;
    void fetchLatest();
  }, [signal, fetchLatest]);
  return (
    <CoveragePanel
      projectName={projectName}
      period={period}
      onPeriod={onPeriod}
      state={coverage.state}
      onRetry={() => void coverage.reload()}
      linkThese={linkThese}
      onPrefetchLink={prefetchBulkDialog}
    />
  );
}

/** No outcome includes this project yet: what outcomes are, who creates them, and what happens next. */
function NoOutcomes({ projectName }: { projectName: string }) {
  return (
    <EmptyState title="No outcomes for this project yet" testId="project-outcomes-empty">
      <p>
        An outcome is a business result this project's work should move, such as “Fewer customers abandon
        checkout”, with a business owner and a technology owner, and two or three KPIs that show it is
        happening.
      </p>
      <p>
        Jira admins, and admins of {projectName}, create outcomes on the Outcome Bridge admin page (Jira
        settings → Apps → Outcome Bridge) and include {projectName} in them.
      </p>
      <p>
        Then anyone who can edit a ticket links it from the Outcomes panel on the issue, and this page shows,
        for each outcome, how much of the work is done, whether its KPIs are moving and how much time is left.
      </p>
    </EmptyState>
  );
}

/** What the dialog needs of an outcome: it is handed over through Jira, so only that. */
const choiceOf = (row: ProjectOutcomeRow): BulkOutcomeChoice => ({
  id: row.id,
  title: row.title,
  kpis: row.kpis.map((k) => ({ id: k.id, name: k.name, kind: k.kind, isDraft: k.isDraft })),
});
