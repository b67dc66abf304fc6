import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');

/** The Custom UI apps, each built to static/<app>/build and served as the manifest resource of the same name. */
export const UI_APPS = ['issue-panel', 'project-page', 'admin-page'] as const;
export type UiApp = (typeof UI_APPS)[number];

/**
 * Entry-script budgets (gzip bytes): the panel needs no table, the pages do. What the first paint does not
 * need (editors, pickers, dialogs, the chart) loads on demand, which is how these hold (issue 14).
 */
export const GZIP_BUDGET: Record<UiApp, number> = {
  'issue-panel': 80 * 1000,
  'project-page': 150 * 1000,
  'admin-page': 150 * 1000,
};

export const buildDir = (app: UiApp) => path.join(REPO_ROOT, 'static', app, 'build');
