import Button from '@atlaskit/button/default/button';
import { Notice } from '@shared/components/Notice';
import { closeModal } from '@shared/modal';
import { useLazyComponent } from '@shared/use-lazy';
import { useCallback } from 'react';
import { announceCountsChanged, BULK_LINK_MODAL, bulkLinkModalData } from './bulk-link-modal';
import { loadProject, type ProjectView } from './use-project-outcomes';

const loadBulkDialog = () => import('./BulkLinkDialog');

/** The project page's resource opened as a Forge modal over Jira: the dialog its context asks for. */
export function ProjectModal({
  projectKey,
  request,
}: {
  projectKey: string;
  request: { kind: string; data: unknown };
}) {
  const bulkDialog = useLazyComponent(loadBulkDialog, 'the bulk link dialog');
  const refresh = useCallback(async (): Promise<ProjectView | null> => {
    const latest = await loadProject(projectKey);
    if (latest) void announceCountsChanged(projectKey);
    return latest;
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
  return bulkDialog.wrap(
    <bulkDialog.Component
      projectKey={projectKey}
      {...data}
      onClose={(reason) => void closeModal({ reason })}
      refresh={refresh}
    />,
  );
}
