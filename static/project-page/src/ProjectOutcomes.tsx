import Button from '@atlaskit/button/default/button';
import type { ProjectOutcomeRow } from '@contract/project-page';
import { EmptyState } from '@shared/components/EmptyState';
import { ErrorState } from '@shared/components/ErrorState';
import { LazyPart } from '@shared/components/LazyPart';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { plural } from '@shared/format';
import { prefetch, useLazyComponent } from '@shared/use-lazy';
import { useReturnFocus } from '@shared/use-return-focus';
import { useState } from 'react';
import type { BulkCloseReason } from './BulkLinkDialog';
import { bulkLinkOpenerId, ProjectOutcomesTable } from './ProjectOutcomesTable';
import { useProjectOutcomes } from './use-project-outcomes';

// The bulk link dialog (modal, text areas, progress) is not needed for the first paint.
const loadBulkDialog = () => import('./BulkLinkDialog');
const prefetchBulkDialog = prefetch(loadBulkDialog);

export function ProjectOutcomes({ projectKey }: { projectKey: string }) {
  const { state, reload, fetchLatest } = useProjectOutcomes(projectKey);
  const [linking, setLinking] = useState<ProjectOutcomeRow | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const bulkDialog = useLazyComponent(loadBulkDialog);
  const returnFocus = useReturnFocus();
  const ready = state.status === 'ready' ? state.data : null;
  const refreshing = state.status === 'ready' && state.refreshing;
  const activeOutcomes = ready ? ready.outcomes.filter((o) => o.state === 'active') : [];
  const canLink = ready?.canLink ?? false;

  const openBulkLink = (outcome: ProjectOutcomeRow) => {
    setFlash(null);
    returnFocus.focusNext(bulkLinkOpenerId(outcome.id));
    setLinking(outcome);
  };
  const closeBulkLink = (reason: BulkCloseReason) => {
    setLinking(null);
    if (reason === 'running') {
      setFlash('Linking goes on in the background. Select Refresh in a little while to see the new counts.');
    } else if (reason === 'counting') {
      setFlash('The counts may take a moment to include the new links. Select Refresh to see them.');
    }
  };

  return (
    <main
      className={`ob-page${linking ? ' ob-page--dialog-open' : ''}`}
      aria-busy={state.status === 'loading' || refreshing}
    >
      <header className="ob-toolbar">
        <div>
          <h1 className="ob-page-title" data-testid="project-name">
            {ready ? ready.project.name : projectKey}
          </h1>
          <p className="ob-page-intro">
            Outcomes this project's work serves, and how much of that work is done.
          </p>
        </div>
        {ready && ready.outcomes.length > 0 ? (
          <div className="ob-toolbar__end">
            <Button onClick={() => void reload()} isLoading={refreshing} testId="refresh-outcomes">
              Refresh
            </Button>
          </div>
        ) : null}
      </header>

      {flash ? (
        <div data-testid="project-flash">
          <Notice appearance="information">
            <p>{flash}</p>
          </Notice>
        </div>
      ) : null}

      {state.status === 'loading' ? <LoadingState label="Loading the project's outcomes" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => void reload()} /> : null}
      {ready && ready.outcomes.length === 0 ? (
        <EmptyState title="No outcomes for this project yet" testId="project-outcomes-empty">
          <p>
            An outcome is a business result this project's work should move, such as “Fewer customers abandon
            checkout”. Jira admins and project admins define outcomes on the Outcome Bridge admin page.
          </p>
          <p>
            Once an outcome includes {ready.project.name}, anyone who can edit a ticket links it from the
            Outcomes panel on the issue, and this page counts how much of that work is done.
          </p>
        </EmptyState>
      ) : null}
      {ready && ready.outcomes.length > 0 ? (
        <>
          <div className="ob-project-summary">
            <p className="ob-muted" data-testid="project-outcomes-summary">
              {plural(ready.outcomes.length, 'outcome')}, {activeOutcomes.length} active. Counts include
              tickets that inherit an outcome from their epic or parent.
            </p>
            {!canLink && activeOutcomes.length > 0 ? (
              <p className="ob-muted ob-small" data-testid="bulk-link-unavailable">
                Linking tickets to outcomes from here needs permission to edit {ready.project.name}'s tickets,
                which your account does not have. A Jira admin or an admin of {ready.project.name} can grant
                it.
              </p>
            ) : null}
          </div>
          <ProjectOutcomesTable
            projectName={ready.project.name}
            outcomes={ready.outcomes}
            refreshing={refreshing}
            onLinkTickets={canLink ? openBulkLink : null}
            onPrefetchLink={prefetchBulkDialog}
          />
        </>
      ) : null}

      {linking ? (
        <LazyPart
          attempt={bulkDialog.attempt}
          what="The bulk link dialog"
          loading="Opening the bulk link dialog"
          onRetry={bulkDialog.retry}
        >
          <bulkDialog.Component
            projectKey={projectKey}
            projectName={ready?.project.name ?? projectKey}
            outcomes={activeOutcomes.length > 0 ? activeOutcomes : [linking]}
            initialOutcomeId={linking.id}
            onClose={closeBulkLink}
            refresh={fetchLatest}
            returnFocus={returnFocus.ref}
          />
        </LazyPart>
      ) : null}
    </main>
  );
}
