import { forbidden } from '../../domain/errors';
import { getSettings, saveSettings } from '../../platform/storage/settings-repository';
import { requireAdminPage } from '../shared/access';
import { adminOperation } from './operation';

export const getSettingsOp = adminOperation('settings/get', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async (_input, _caller, access) => ({ ...(await getSettings()), canEdit: access.isJiraAdmin }),
});

/** Site-wide settings affect every project, so only Jira admins may change them. */
export const updateSettingsOp = adminOperation('settings/update', {
  authorize: async (_input, caller) => {
    const access = await requireAdminPage(caller);
    if (!access.isJiraAdmin) throw forbidden('Only Jira admins can change site-wide settings.');
    return access;
  },
  run: async ({ settings, expectedVersion }, caller) => ({
    ...(await saveSettings(settings, expectedVersion, caller.accountId, caller.now)),
    canEdit: true,
  }),
});
