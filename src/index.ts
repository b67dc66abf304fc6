// Forge entry points only: each export is a function handler named in manifest.yml. Each is metered, so
// the points it spends as the app reach the ledger once, when the invocation ends.
import { handleIssueEvent, handleLinksJob } from './jobs/entry-points';
import { reconcileAllJob as reconcileAll, refreshKpisJob as refreshKpis } from './jobs/scheduled';
import { meteredEntry } from './platform/jira/points-meter';
import { adminPageResolver as adminPage } from './resolvers/admin-page';
import { issuePanelResolver as issuePanel } from './resolvers/issue-panel';
import { projectPageResolver as projectPage } from './resolvers/project-page';
import { settingsPageResolver as settingsPage } from './resolvers/settings-page';

export const onIssueEvent = meteredEntry(handleIssueEvent);
export const onLinksQueue = meteredEntry(handleLinksJob);
export const reconcileAllJob = meteredEntry(reconcileAll);
export const refreshKpisJob = meteredEntry(refreshKpis);
export const adminPageResolver = meteredEntry(adminPage);
export const issuePanelResolver = meteredEntry(issuePanel);
export const projectPageResolver = meteredEntry(projectPage);
export const settingsPageResolver = meteredEntry(settingsPage);
