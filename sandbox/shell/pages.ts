import type { Sandbox } from '../site';
import { esc, type Html, html } from './html';

export interface ShellUser {
  accountId: string;
  displayName: string;
  description: string;
}

interface PageInput {
  sandbox: Sandbox;
  user: ShellUser;
  title: string;
  body: Html;
  path: string;
}

/** The Jira-like frame every sandbox page shares: navigation, the signed-in user switcher, the theme toggle. */
export function layout({ sandbox, user, title, body, path }: PageInput): string {
  const users = sandbox.users;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>${esc(title)} · Jira sandbox</title>
<link rel="stylesheet" href="/__sandbox/tokens.css" />
<link rel="stylesheet" href="/__sandbox/shell.css" />
<script src="/__sandbox/product-host.js"></script>
<script>
  // Same key the apps' host script reads, so the shell and the apps switch theme together.
  document.documentElement.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography');
  document.documentElement.setAttribute('data-color-mode', localStorage.getItem('sandbox-theme') === 'dark' ? 'dark' : 'light');
  // The widths Jira gives apps: the issue panel's column (about 362 px) and a page's content beside Jira's
  // sidebar (about 1024 px on a laptop). ?panelWidth=300 or ?pageWidth=1440 tries another, for this tab.
  for (const [param, variable] of [['panelWidth', '--sandbox-panel-width'], ['pageWidth', '--sandbox-page-width']]) {
    const key = 'sandbox-' + param;
    const asked = new URLSearchParams(location.search).get(param);
    if (asked && /^\\d{2,4}$/.test(asked)) sessionStorage.setItem(key, asked);
    const width = sessionStorage.getItem(key);
    if (width) document.documentElement.style.setProperty(variable, width + 'px');
  }
</script>
</head>
<body>
${html`<header class="top">
  <span class="brand">Jira</span><span class="sandbox-tag">local sandbox</span>
  <nav aria-label="Sandbox">
    <a href="/">Home</a>
    <a href="/projects/CHK/issues">Issues</a>
    <a href="/projects/CHK/outcomes">Checkout outcomes</a>
    <a href="/projects/PLAT/outcomes">Platform outcomes</a>
    <a href="/admin/outcome-bridge">Outcome Bridge admin</a>
  </nav>
  <form method="post" action="/__sandbox/session">
    <label for="user-switch">Signed in as</label>
    <select id="user-switch" name="accountId" onchange="this.form.submit()">
      ${users.map(
        (u) =>
          html`<option value="${u.accountId}" ${u.accountId === user.accountId ? html`selected` : ''}>${u.displayName}</option>`,
      )}
    </select>
    <input type="hidden" name="back" value="${path}" />
    <noscript><button type="submit">Switch</button></noscript>
  </form>
  <button type="button" id="theme-toggle" aria-pressed="false">Dark mode</button>
</header>`}
<main>${body}</main>
<script>
  const toggle = document.getElementById('theme-toggle');
  const sync = () => {
    const dark = localStorage.getItem('sandbox-theme') === 'dark';
    document.documentElement.setAttribute('data-color-mode', dark ? 'dark' : 'light');
    toggle.setAttribute('aria-pressed', String(dark));
    toggle.textContent = dark ? 'Light mode' : 'Dark mode';
  };
  toggle.addEventListener('click', () => {
    localStorage.setItem('sandbox-theme', localStorage.getItem('sandbox-theme') === 'dark' ? 'light' : 'dark');
    sync();
    // The apps listen to storage events from other documents; iframes of this page need a nudge.
    for (const frame of document.querySelectorAll('iframe')) frame.contentWindow?.dispatchEvent(new StorageEvent('storage', { key: 'sandbox-theme' }));
  });
  sync();
</script>
</body>
</html>`;
}

/** The iframe that hosts one Custom UI app, with the module context Jira would give it. */
export function appFrame(
  resource: string,
  moduleKey: string,
  context: Record<string, unknown>,
  title: string,
  options: { fullPage?: boolean; historyBase?: string } = {},
): Html {
  const query = new URLSearchParams({ moduleKey, context: JSON.stringify(context) });
  // Where the page's own URLs start (view.createHistory): only full page modules have one.
  if (options.historyBase) query.set('historyBase', options.historyBase);
  // Page modules get the whole page area in Jira (their dialogs need it); panels fit their content.
  return html`<iframe title="${title}" class="${options.fullPage ? 'page-frame' : ''}" data-module="${moduleKey}" src="/apps/${resource}/index.html?${query.toString()}"></iframe>`;
}
