// Forge entry points only: each export is a function handler named in manifest.yml.
export { handleIssueEvent as onIssueEvent, handleLinksJob as onLinksQueue } from './jobs/entry-points';
export { reconcileAllJob, refreshKpisJob } from './jobs/scheduled';
export { adminPageResolver } from './resolvers/admin-page';
export { issuePanelResolver } from './resolvers/issue-panel';
export { projectPageResolver } from './resolvers/project-page';
export { settingsPageResolver } from './resolvers/settings-page';
