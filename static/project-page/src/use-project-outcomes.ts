import type { ProjectPageContract } from '@contract/project-page';
import type { OutputOf } from '@contract/surface';
import { projectPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';

export type ProjectView = OutputOf<ProjectPageContract, 'project/load'>;

/** The project's outcomes with their ticket counts: loading, error (with retry) or ready. */
export function useProjectOutcomes(projectKey: string) {
  return useReply(() => projectPageApi('project/load', { projectKey }), projectKey);
}
