import { adminPageContract } from '../../contract/admin-page';
import { AppError } from '../../domain/errors';
import { adminHandlers } from '../admin-page';
import { defineSurface } from '../shared/surface';

/**
 * Which project's settings the page is shown in (`context.extension.project.key` of a
 * jira:projectSettingsPage). The key comes from the page, so it only ever narrows the call: the caller
 * still needs Jira's Administer Projects there (or Administer Jira) for anything it does.
 */
function projectOfSettings(context: Record<string, unknown>): string | AppError {
  const extension: unknown = context.extension;
  const project: unknown =
    typeof extension === 'object' && extension !== null && 'project' in extension ? extension.project : null;
  const key: unknown =
    typeof project === 'object' && project !== null && 'key' in project ? project.key : null;
  if (typeof key === 'string' && /^[A-Z][A-Z0-9_]{0,99}$/.test(key)) return key;
  return new AppError('FORBIDDEN', "Open Outcome Bridge from a project's settings to manage its outcomes.");
}

/**
 * The project settings page: the admin page's operations for one project's admins, every call confined to
 * that project (Jira settings, where the admin page lives, opens for Jira admins only).
 */
export const settingsPageResolver = defineSurface(adminPageContract, adminHandlers, {
  confine: projectOfSettings,
});
