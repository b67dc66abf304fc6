import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');

/** The Custom UI apps, each built to static/<app>/build and served as the manifest resource of the same name. */
export const UI_APPS = ['issue-panel', 'project-page', 'admin-page'] as const;
export type UiApp = (typeof UI_APPS)[number];

/** Entry-script budgets (gzip bytes): the panel needs no table, the pages do. */
export const GZIP_BUDGET: Record<UiApp, number> = {
  'issue-panel': 120 * 1000,
  'project-page': 200 * 1000,
  'admin-page': 200 * 1000,
};

export const buildDir = (app: UiApp) => path.join(REPO_ROOT, 'static', app, 'build');
