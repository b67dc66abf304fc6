import { ContextGate } from '@shared/components/ContextGate';
import { ProjectOutcomes } from './ProjectOutcomes';

export function ProjectPage() {
  return (
    <ContextGate
      pick={(extension) => extension.project?.key}
      what="project"
      elsewhere="This page only works inside a Jira project."
    >
      {(projectKey) => <ProjectOutcomes projectKey={projectKey} />}
    </ContextGate>
  );
}
