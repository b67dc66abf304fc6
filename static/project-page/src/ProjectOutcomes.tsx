import Button from '@atlaskit/button/default/button';
import { EmptyState } from '@shared/components/EmptyState';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { plural } from '@shared/format';
import { ProjectOutcomesTable } from './ProjectOutcomesTable';
import { useProjectOutcomes } from './use-project-outcomes';

export function ProjectOutcomes({ projectKey }: { projectKey: string }) {
  const { state, reload } = useProjectOutcomes(projectKey);
  const ready = state.status === 'ready' ? state.data : null;
  const refreshing = state.status === 'ready' && state.refreshing;
  const active = ready ? ready.outcomes.filter((o) => o.state === 'active').length : 0;

  return (
    <main className="ob-page" aria-busy={state.status === 'loading' || refreshing}>
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
          <p className="ob-muted" data-testid="project-outcomes-summary">
            {plural(ready.outcomes.length, 'outcome')}, {active} active. Counts include tickets that inherit
            an outcome from their epic or parent.
          </p>
          <ProjectOutcomesTable
            projectName={ready.project.name}
            outcomes={ready.outcomes}
            refreshing={refreshing}
          />
        </>
      ) : null}
    </main>
  );
}
