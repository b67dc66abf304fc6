// Forge entry points only: each export is a function handler named in manifest.yml.
// Each is metered (src/jobs/entry-points.ts, defineSurface): its points as the app reach the ledger once it ends.
export { onIssueEvent, onLinksQueue, reconcileAllJob, refreshKpisJob } from './jobs/entry-points';
export { adminPageResolver } from './resolvers/admin-page';
export { issuePanelResolver } from './resolvers/issue-panel';
export { projectPageResolver } from './resolvers/project-page';
export { settingsPageResolver } from './resolvers/settings-page';
