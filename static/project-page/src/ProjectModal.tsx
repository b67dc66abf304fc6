import Button from '@atlaskit/button/default/button';
import { projectPageApi } from '@shared/client';
import { LazyPart } from '@shared/components/LazyPart';
import { Notice } from '@shared/components/Notice';
import { closeModal } from '@shared/modal';
import { useLazyComponent } from '@shared/use-lazy';
import { useCallback } from 'react';
import { announceCountsChanged, BULK_LINK_MODAL, bulkLinkModalData } from './bulk-link-modal';
import type { ProjectView } from './use-project-outcomes';

const loadBulkDialog = () => import('./BulkLinkDialog');

/** The project page's resource opened as a Forge modal over Jira: the dialog its context asks for. */
export function ProjectModal({
  projectKey,
  request,
}: {
  projectKey: string;
  request: { kind: string; data: unknown };
}) {
  const bulkDialog = useLazyComponent(loadBulkDialog);
  const refresh = useCallback(async (): Promise<ProjectView | null> => {
    const reply = await projectPageApi('project/load', { projectKey });
    if (!reply.ok) return null;
    void announceCountsChanged(projectKey);
    return reply.data;
  }, [projectKey]);
  const data = request.kind === BULK_LINK_MODAL ? bulkLinkModalData(request.data) : null;
  if (!data) {
    return (
      <Notice appearance="error" title="Something went wrong">
        <p>This dialog did not get what it needs from the page. Close it and open it again.</p>
        <p>
          <Button onClick={() => void closeModal(undefined)}>Close</Button>
        </p>
      </Notice>
    );
  }
  return (
    <LazyPart
      attempt={bulkDialog.attempt}
      what="The bulk link dialog"
      loading="Opening the bulk link dialog"
      onRetry={bulkDialog.retry}
    >
      <bulkDialog.Component
        projectKey={projectKey}
        {...data}
        onClose={(reason) => void closeModal({ reason })}
        refresh={refresh}
      />
    </LazyPart>
  );
}
