import type { AppErrorBody, Reply } from '@contract/envelope';
import type { PanelView } from '@contract/issue-panel';
import { issuePanelApi } from '@shared/client';
import { useReply } from '@shared/use-reply';
import { useCallback, useState } from 'react';
import type { LinkDetails } from './link-input';

/** An action that failed: what it was in words, so the panel can say so and offer to run it again. */
export interface FailedAction {
  what: string;
  error: AppErrorBody;
  retry: () => void;
}

/**
 * The panel's data (one `panel/load`) and its changes. Each change names itself (`key` marks what is busy,
 * `what` is said if it fails); a success adopts the panel state it returned, a failure keeps what was typed.
 */
export function usePanel(issueKey: string) {
  const { state, reload, replace } = useReply(() => issuePanelApi('panel/load', { issueKey }), issueKey);
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<FailedAction | null>(null);

  const act = useCallback(
    async (key: string, what: string, run: () => Promise<Reply<PanelView>>): Promise<boolean> => {
      setBusy(key);
      setFailed(null);
      const reply = await run();
      setBusy(null);
      if (reply.ok) {
        replace(reply.data);
        return true;
      }
      setFailed({ what, error: reply.error, retry: () => void act(key, what, run) });
      return false;
    },
    [replace],
  );

  const changes = {
    /** `key`: what shows busy (the picker, or the card of an outcome given its own link). */
    add: (key: string, outcomeId: string, details: LinkDetails, what: string) =>
      act(key, what, () => issuePanelApi('links/add', { issueKey, outcomeId, ...details })),
    update: (outcomeId: string, details: LinkDetails, what: string) =>
      act(outcomeId, what, () => issuePanelApi('links/update', { issueKey, outcomeId, ...details })),
    remove: (outcomeId: string, what: string) =>
      act(outcomeId, what, () => issuePanelApi('links/remove', { issueKey, outcomeId })),
    restore: (outcomeId: string, what: string) =>
      act(outcomeId, what, () => issuePanelApi('links/restore', { issueKey, outcomeId })),
    inheritance: (optOut: boolean, what: string) =>
      act('inheritance', what, () => issuePanelApi('links/inheritance', { issueKey, optOut })),
  };

  return { state, reload, busy, failed, clearFailure: () => setFailed(null), changes };
}

/** The outcomes of the ticket's project a person may link it to, found by what they typed. */
export function useOutcomeCandidates(issueKey: string, query: string) {
  return useReply(() => issuePanelApi('links/candidates', { issueKey, query }), `${issueKey}\n${query}`);
}
