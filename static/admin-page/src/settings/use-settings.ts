import type { SettingsDraft, SettingsView } from '@contract/settings';
import { adminPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';
import { useCallback } from 'react';

export type { SettingsDraft, SettingsView };

const loadSettings = () => adminPageApi('settings/get', {});

/** The site's settings: loaded once, replaced by what a save returns. */
export function useSettings() {
  const { state, reload, replace, refresh } = useReply(loadSettings, 'settings');
  const save = useCallback(
    async (expectedVersion: number, settings: SettingsDraft) => {
      const reply = await adminPageApi('settings/update', { expectedVersion, settings });
      if (reply.ok) replace(reply.data);
      return reply;
    },
    [replace],
  );
  return { state, reload, save, refresh };
}
