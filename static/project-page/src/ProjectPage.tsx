import { ContextGate } from '@shared/components/ContextGate';
import { modalRequestOf } from '@shared/modal';
import { ProjectModal } from './ProjectModal';
import { ProjectOutcomes } from './ProjectOutcomes';

export function ProjectPage() {
  return (
    <ContextGate
      pick={(extension) => extension.project?.key}
      what="project"
      elsewhere="This page only works inside a Jira project."
    >
      {(projectKey, extension) => {
        const modal = modalRequestOf(extension);
        return modal ? (
          <ProjectModal projectKey={projectKey} request={modal} />
        ) : (
          <ProjectOutcomes projectKey={projectKey} />
        );
      }}
    </ContextGate>
  );
}
