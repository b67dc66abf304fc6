import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { useForgeExtension } from '@shared/use-forge-context';
import { ProjectOutcomes } from './ProjectOutcomes';

export function ProjectPage() {
  const { extension, failed } = useForgeExtension();
  if (failed) {
    return (
      <ErrorState
        error={{
          code: 'INTERNAL',
          message: 'Jira did not say which project this is. Reload the page.',
          fieldErrors: [],
        }}
      />
    );
  }
  if (!extension) return <LoadingState label="Loading outcomes" />;
  const projectKey = extension.project?.key;
  if (!projectKey) {
    return (
      <ErrorState
        error={{ code: 'NOT_FOUND', message: 'This page only works inside a Jira project.', fieldErrors: [] }}
      />
    );
  }
  return <ProjectOutcomes projectKey={projectKey} />;
}
