import Button from '@atlaskit/button/default/button';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { AppErrorBody } from '@contract/envelope';
import type { PanelView } from '@contract/issue-panel';
import { issuePanelApi } from '@shared/client';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { plural } from '@shared/format';
import { useReply } from '@shared/use-reply';
import { useState } from 'react';
import { LinkCard } from './LinkCard';
import { OutcomePicker } from './OutcomePicker';

export function PanelForIssue({ issueKey }: { issueKey: string }) {
  const { state, reload, replace } = useReply(() => issuePanelApi('panel/load', { issueKey }), issueKey);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<AppErrorBody | null>(null);

  if (state.status === 'loading') return <LoadingState label="Loading outcomes" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  const view = state.data;

  const act = async (outcomeId: string, run: () => ReturnType<typeof issuePanelApi<'links/add'>>) => {
    setBusy(outcomeId);
    setActionError(null);
    const reply = await run();
    setBusy(null);
    if (reply.ok) {
      replace(reply.data);
      setPicking(false);
    } else {
      setActionError(reply.error);
    }
    return reply.ok;
  };
  const link = (outcomeId: string) =>
    act(outcomeId, () => issuePanelApi('links/add', { issueKey, outcomeId }));
  const unlink = (outcomeId: string) =>
    act(outcomeId, () => issuePanelApi('links/remove', { issueKey, outcomeId }));

  return (
    <Stack space="space.200">
      <Text as="p" color="color.text.subtle">
        {view.links.length === 0
          ? `${issueKey} does not serve an outcome yet.`
          : `${issueKey} serves ${plural(view.links.length, 'outcome')}.`}
      </Text>
      {view.links.map((l) => (
        <LinkCard
          key={`${l.source}:${l.outcomeId}`}
          link={l}
          canEdit={view.canEdit}
          busy={busy === l.outcomeId}
          onUnlink={() => void unlink(l.outcomeId)}
        />
      ))}
      {actionError ? <ErrorState error={actionError} /> : null}
      <Footer
        view={view}
        picking={picking}
        onPick={() => setPicking(true)}
        picker={
          <OutcomePicker
            issueKey={issueKey}
            onChoose={link}
            onClose={() => setPicking(false)}
            pendingId={busy}
          />
        }
      />
    </Stack>
  );
}

function Footer({
  view,
  picking,
  onPick,
  picker,
}: {
  view: PanelView;
  picking: boolean;
  onPick: () => void;
  picker: React.ReactNode;
}) {
  if (!view.canEdit) {
    return (
      <Notice appearance="information">
        <p>
          You can see what {view.issue.key} serves. Changing it needs permission to edit {view.issue.key}.
        </p>
      </Notice>
    );
  }
  if (picking) return <Box>{picker}</Box>;
  return (
    <Box>
      <Button appearance={view.links.length === 0 ? 'primary' : 'default'} onClick={onPick}>
        Link to an outcome
      </Button>
    </Box>
  );
}
