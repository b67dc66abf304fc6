import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { ModuleAccessError } from './runtime/app-host';
import { sandboxClockOffsetMs } from './runtime/clock';
import { REPO_ROOT, type UiModule } from './runtime/manifest';
import { html } from './shell/html';
import { appFrame, layout, type ShellUser } from './shell/pages';
import { themeCss } from './shell/theme-css';
import type { Sandbox } from './site';

const COOKIE = 'sandbox_user';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

interface Req {
  method: string;
  url: URL;
  user: ShellUser;
  body: string;
  raw: IncomingMessage;
}

/**
 * The sandbox's web server: a Jira-like shell around the three built Custom UI apps, the bridge host
 * endpoints their @forge/bridge calls reach, and the Jira REST emulator as the signed-in user.
 */
export function startServer(sandbox: Sandbox, port: number): Promise<Server> {
  const server = createServer((raw, res) => {
    void handle(sandbox, raw, res).catch((error: unknown) => {
      console.error('[sandbox]', error);
      if (!res.headersSent)
        send(res, 500, { message: error instanceof Error ? error.message : String(error) });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is already in use. Stop the other process or start with PORT=${port + 1} npm start.`,
            )
          : error,
      ),
    );
    server.listen(port, () => resolve(server));
  });
}

async function handle(sandbox: Sandbox, raw: IncomingMessage, res: ServerResponse) {
  const url = new URL(raw.url ?? '/', 'http://sandbox.local');
  const body = await readBody(raw);
  const req: Req = { method: raw.method ?? 'GET', url, user: currentUser(sandbox, raw), body, raw };
  const p = url.pathname;
  const issueEdit = /^\/__sandbox\/issues\/([A-Z][A-Z0-9_]+-\d+)$/.exec(p)?.[1];
  const issueView = /^\/browse\/([A-Z][A-Z0-9_]+-\d+)$/.exec(p)?.[1];
  // A page module's own paths (view.createHistory) stay on its page: /projects/CHK/outcomes/outcome/o-1.
  const outcomesOf = /^\/projects\/([A-Z][A-Z0-9_]+)\/outcomes(?:\/[\w\-/]*)?$/.exec(p)?.[1];
  const issuesOf = /^\/projects\/([A-Z][A-Z0-9_]+)\/issues$/.exec(p)?.[1];
  const settingsOf = /^\/projects\/([A-Z][A-Z0-9_]+)\/settings\/outcome-bridge(?:\/[\w\-/]*)?$/.exec(p)?.[1];

  if (p === '/favicon.ico') return send(res, 204, undefined);
  if (p.startsWith('/rest/')) return restAsUser(sandbox, req, res);
  if (p.startsWith('/apps/')) return serveApp(sandbox, p, res);
  if (p === '/__sandbox/bridge-host.js') return serveBridgeHost(sandbox, res);
  if (p === '/__sandbox/product-host.js') return sendFile(res, path.join(__dirname, 'shell/product-host.js'));
  if (p === '/__sandbox/shell.css') return sendFile(res, path.join(__dirname, 'shell/shell.css'));
  if (p === '/__sandbox/tokens.css') return sendText(res, 200, themeCss(), MIME['.css']);
  if (p === '/__sandbox/session' && req.method === 'GET') {
    return send(res, 200, { accountId: req.user.accountId, displayName: req.user.displayName });
  }
  if (p === '/__sandbox/session' && req.method === 'POST') return switchUser(sandbox, req, res);
  if (p === '/__sandbox/bridge/invoke' && req.method === 'POST') return bridgeInvoke(sandbox, req, res);
  if (p === '/__sandbox/bridge/fetch' && req.method === 'POST') return bridgeFetch(sandbox, req, res);
  if (p === '/__sandbox/counters' && req.method === 'GET') return send(res, 200, counters(sandbox));
  if (p === '/__sandbox/counters/reset' && req.method === 'POST') {
    sandbox.jira.counters.reset();
    sandbox.jira.rateLimits.reset();
    sandbox.kvs.counters.reset();
    sandbox.host.resetCounters();
    return send(res, 204, undefined);
  }
  const scheduled = /^\/__sandbox\/scheduled\/([a-z0-9-]+)$/.exec(p)?.[1];
  if (scheduled && req.method === 'POST') {
    await sandbox.host.runScheduled(scheduled);
    sandbox.changed();
    return send(res, 204, undefined);
  }
  if (issueEdit && req.method === 'POST') return editIssue(sandbox, req, res, issueEdit);
  if (req.method !== 'GET') return send(res, 405, { message: 'Method not allowed' });
  if (p === '/') return page(res, sandbox, req, 'Home', await homePage(sandbox, req));
  if (issueView) return page(res, sandbox, req, issueView, await issuePage(sandbox, req, issueView));
  if (outcomesOf) {
    return page(res, sandbox, req, `${outcomesOf} outcomes`, await projectPage(sandbox, req, outcomesOf));
  }
  if (issuesOf) {
    return page(res, sandbox, req, `${issuesOf} issues`, await issueListPage(sandbox, req, issuesOf));
  }
  if (settingsOf) {
    const settings = await projectSettingsPage(sandbox, req, settingsOf);
    return page(res, sandbox, req, `${settingsOf} settings`, settings.body, settings.status);
  }
  if (p === '/issues' || p === '/issues/') {
    return page(
      res,
      sandbox,
      req,
      'Search',
      await searchPage(sandbox, req, url.searchParams.get('jql') ?? ''),
    );
  }
  if (p === '/admin/outcome-bridge' || /^\/admin\/outcome-bridge\/[\w\-/]*$/.test(p))
    return page(
      res,
      sandbox,
      req,
      'Outcome Bridge admin',
      adminPage(sandbox, req),
      adminPageStatus(sandbox, req),
    );
  return page(
    res,
    sandbox,
    req,
    'Not found',
    html`<h1>Not found</h1><p>No sandbox page at <code>${p}</code>.</p>`,
    404,
  );
}

function currentUser(sandbox: Sandbox, raw: IncomingMessage): ShellUser {
  const cookie = raw.headers.cookie ?? '';
  const id = /(?:^|;\s*)sandbox_user=([^;]+)/.exec(cookie)?.[1];
  const users = sandbox.users;
  const found = users.find((u) => u.accountId === decodeURIComponent(id ?? ''));
  const user = found ?? users[0];
  if (!user) throw new Error('The sandbox has no users');
  return user;
}

function switchUser(sandbox: Sandbox, req: Req, res: ServerResponse) {
  const form = parseBody(req);
  const accountId = String(form.accountId ?? '');
  if (!sandbox.users.some((u) => u.accountId === accountId))
    return send(res, 400, { message: 'Unknown user' });
  res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(accountId)}; Path=/; SameSite=Lax`);
  const back = typeof form.back === 'string' && form.back.startsWith('/') ? form.back : '/';
  if (req.raw.headers['content-type']?.includes('application/json')) return send(res, 204, undefined);
  res.writeHead(303, { Location: back }).end();
}

async function bridgeInvoke(sandbox: Sandbox, req: Req, res: ServerResponse) {
  const { moduleKey, functionKey, payload, extension } = JSON.parse(req.body || '{}') as {
    moduleKey?: string;
    functionKey?: string;
    payload?: unknown;
    extension?: Record<string, unknown>;
  };
  if (!moduleKey || !functionKey)
    return send(res, 400, { message: 'moduleKey and functionKey are required' });
  // The account comes from the sandbox session, never from the page: Forge puts the real principal in the call.
  let result: unknown;
  try {
    result = await sandbox.host.invokeResolver(
      moduleKey,
      { functionKey, payload: payload ?? {} },
      { accountId: req.user.accountId, extension: extension ?? {} },
    );
  } catch (error) {
    if (error instanceof ModuleAccessError) return send(res, 403, { message: error.message });
    throw error;
  }
  sandbox.changed();
  send(res, 200, result);
}

async function bridgeFetch(sandbox: Sandbox, req: Req, res: ServerResponse) {
  const { restPath, method, headers, body } = JSON.parse(req.body || '{}') as {
    restPath: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string | null;
  };
  const reply = await sandbox.jira.handle(
    { method: method ?? 'GET', url: restPath, headers: headers ?? {}, ...(body ? { body } : {}) },
    // A Custom UI page's requestJira is the app's traffic, made as the signed-in user.
    { type: 'user', accountId: req.user.accountId, viaApp: true },
  );
  sandbox.changed();
  send(res, 200, { status: reply.status, statusText: '', headers: reply.headers, body: reply.body });
}

async function restAsUser(sandbox: Sandbox, req: Req, res: ServerResponse) {
  const reply = await sandbox.jira.handle(
    {
      method: req.method,
      url: req.url.pathname + req.url.search,
      headers: Object.fromEntries(Object.entries(req.raw.headers).map(([k, v]) => [k, String(v)])),
      ...(req.body ? { body: req.body } : {}),
    },
    { type: 'user', accountId: req.user.accountId },
  );
  if (req.method !== 'GET') sandbox.changed();
  res.writeHead(reply.status, reply.headers).end(reply.status === 204 ? undefined : reply.body);
}

async function editIssue(sandbox: Sandbox, req: Req, res: ServerResponse, key: string) {
  const form = parseBody(req);
  const changes: Record<string, unknown> = {};
  if (typeof form.status === 'string' && form.status) changes.status = form.status;
  if (typeof form.parentKey === 'string')
    changes.parentKey = form.parentKey.trim() === '' ? null : form.parentKey.trim();
  try {
    sandbox.jira.updateIssue(key, changes, req.user.accountId);
  } catch (error) {
    return send(res, 400, { message: error instanceof Error ? error.message : String(error) });
  }
  sandbox.changed();
  res.writeHead(303, { Location: `/browse/${key}` }).end();
}

function counters(sandbox: Sandbox) {
  return {
    jira: sandbox.jira.counters.snapshot(),
    // Rate-limit points the app spent, per principal: 'app' (asApp) and 'user:<accountId>' (asUser).
    rateLimit: sandbox.jira.rateLimits.snapshot(),
    kvs: sandbox.kvs.counters.snapshot(),
    host: sandbox.host.counters,
  };
}

/** The host script, told first how far the sandbox's clock is set from the machine's (see runtime/clock.ts). */
function serveBridgeHost(sandbox: Sandbox, res: ServerResponse) {
  const script = readFileSync(path.join(__dirname, 'shell/bridge-host.js'), 'utf8');
  const clock = `window.__sandboxClockOffsetMs = ${JSON.stringify(sandboxClockOffsetMs())};\n`;
  // What `router.navigate({ target: 'module', moduleKey })` needs to find a page module's address.
  const modules = Object.fromEntries(sandbox.manifest.uiModules.map((m) => [m.key, m.type]));
  const types = `window.__sandboxModuleTypes = ${JSON.stringify(modules)};\n`;
  return sendText(res, 200, clock + types + script, MIME['.js']);
}

function serveApp(sandbox: Sandbox, p: string, res: ServerResponse) {
  const [, , resource, ...rest] = p.split('/');
  const resourcePath = sandbox.manifest.resources.get(resource ?? '');
  if (!resourcePath) return send(res, 404, { message: `No resource ${resource} in manifest.yml` });
  const root = path.join(REPO_ROOT, resourcePath);
  const file = path.normalize(path.join(root, rest.join('/') || 'index.html'));
  if (!file.startsWith(root)) return send(res, 403, { message: 'Outside the resource folder' });
  if (!existsSync(file) || !statSync(file).isFile()) {
    return send(res, 404, { message: `${resourcePath} has no ${rest.join('/')}. Run npm run build.` });
  }
  if (file.endsWith('.html')) {
    // The host script must define window.__bridge before @forge/bridge loads, as Jira's host does.
    const page = readFileSync(file, 'utf8').replace(
      '<head>',
      '<head>\n<script src="/__sandbox/bridge-host.js"></script>',
    );
    return sendText(res, 200, page, MIME['.html']);
  }
  return sendFile(res, file);
}

function page(
  res: ServerResponse,
  sandbox: Sandbox,
  req: Req,
  title: string,
  body: ReturnType<typeof html>,
  status = 200,
) {
  sendText(
    res,
    status,
    layout({ sandbox, user: req.user, title, body, path: req.url.pathname }),
    MIME['.html'],
  );
}

// --- pages (they read Jira through its REST API as the signed-in user, like Jira's own UI) ---

async function restJson<T>(sandbox: Sandbox, req: Req, url: string): Promise<{ status: number; json: T }> {
  const reply = await sandbox.jira.handle(
    { method: 'GET', url },
    { type: 'user', accountId: req.user.accountId },
  );
  return { status: reply.status, json: JSON.parse(reply.body || 'null') as T };
}

interface SearchIssue {
  key: string;
  fields: {
    summary: string;
    status?: { name: string };
    issuetype?: { name: string };
    parent?: { key: string } | null;
    assignee?: { displayName: string } | null;
    duedate?: string | null;
    customfield_10016?: number | null;
    project?: { key: string; name: string };
  };
}

async function homePage(sandbox: Sandbox, req: Req) {
  const projects = await restJson<{ values: { key: string; name: string }[] }>(
    sandbox,
    req,
    '/rest/api/3/project/search',
  );
  return html`<h1>Outcome Bridge in a local Jira sandbox</h1>
<p>The real app (its resolvers, the Forge SDKs, the built Custom UI pages) runs here against an emulated Jira site and Forge storage. Switch the signed-in user at the top right to see what each role may do.</p>
<h2>Surfaces</h2>
<ul>
  <li><a href="/browse/CHK-1">An issue with the Outcomes side panel</a> (<code>jira:issueContext</code>) — open any issue from the issue lists.</li>
  ${(projects.json?.values ?? []).map(
    (p) =>
      html`<li><a href="/projects/${p.key}/outcomes">${p.name} outcomes</a> (<code>jira:projectPage</code>) · <a href="/projects/${p.key}/issues">${p.name} issues</a></li>`,
  )}
  ${(projects.json?.values ?? []).map(
    (p) =>
      html`<li><a href="/projects/${p.key}/settings/outcome-bridge">${p.name} settings: Outcome Bridge</a> (<code>jira:projectSettingsPage</code>, for the project's admins)</li>`,
  )}
  <li><a href="/admin/outcome-bridge">Outcome Bridge admin page</a> (<code>jira:adminPage</code>, for Jira admins)</li>
</ul>
<h2>People</h2>
<table class="list"><thead><tr><th>User</th><th>What they may do</th></tr></thead><tbody>
${sandbox.users.map((u) => html`<tr><td>${u.displayName}</td><td>${u.description}</td></tr>`)}
</tbody></table>
<h2>JQL</h2>
<p>Linked tickets are searchable, e.g. <code>outcome = "o-…"</code> or <code>project = CHK AND outcomeCount = 0</code>, at <code>/rest/api/3/search/jql?jql=…</code>.</p>`;
}

async function issuePage(sandbox: Sandbox, req: Req, key: string) {
  const fields = 'summary,status,issuetype,parent,assignee,duedate,customfield_10016,project';
  const { status, json } = await restJson<SearchIssue & { id: string }>(
    sandbox,
    req,
    `/rest/api/3/issue/${key}?fields=${fields}`,
  );
  if (status !== 200) {
    return html`<h1>${key}</h1><p>Issue does not exist or you do not have permission to see it.</p>`;
  }
  const f = json.fields;
  const project = f.project ?? { key: key.split('-')[0] ?? '', name: '' };
  const transitions = await restJson<{ transitions: { to: { name: string } }[] }>(
    sandbox,
    req,
    `/rest/api/3/issue/${key}/transitions`,
  );
  const statuses = (transitions.json?.transitions ?? []).map((t) => t.to.name);
  const context = {
    extension: {
      type: 'jira:issueContext',
      issue: { id: json.id, key, type: f.issuetype?.name ?? '' },
      project: { key: project.key },
    },
  };
  const panel = sandbox.manifest.uiModules.find((m) => m.type === 'jira:issueContext');
  return html`<p class="muted"><a href="/projects/${project.key}/issues">${project.name || project.key}</a> / ${key}</p>
<div class="issue-layout">
  <section>
    <h1>${f.summary}</h1>
    <dl class="fields">
      <dt>Type</dt><dd>${f.issuetype?.name}</dd>
      <dt>Status</dt><dd>${f.status?.name}</dd>
      <dt>Parent</dt><dd>${f.parent ? html`<a href="/browse/${f.parent.key}">${f.parent.key}</a>` : 'none'}</dd>
      <dt>Assignee</dt><dd>${f.assignee?.displayName ?? 'Unassigned'}</dd>
      <dt>Story points</dt><dd>${f.customfield_10016 ?? 'none'}</dd>
      <dt>Due</dt><dd>${f.duedate ?? 'none'}</dd>
    </dl>
    <form class="edit" method="post" action="/__sandbox/issues/${key}">
      <label>Status <select name="status">${[f.status?.name, ...statuses]
        .filter((s, i, all) => s && all.indexOf(s) === i)
        .map(
          (s) => html`<option ${s === f.status?.name ? html`selected` : ''}>${s}</option>`,
        )}</select></label>
      <label>Parent <input name="parentKey" value="${f.parent?.key ?? ''}" size="10" placeholder="none" /></label>
      <button type="submit">Update issue</button>
      <span class="muted">(fires the app's issue triggers, as an edit in Jira would)</span>
    </form>
  </section>
  <aside class="panel">
    <h2>${panel?.title ?? 'Outcomes'}</h2>
    ${panel ? appFrame(panel.resource, panel.key, context, 'Outcomes side panel') : ''}
  </aside>
</div>`;
}

async function issueListPage(sandbox: Sandbox, req: Req, projectKey: string) {
  const found = await issueTable(sandbox, req, `project = ${projectKey} ORDER BY key ASC`);
  if (!found.ok) return html`<h1>${projectKey}</h1><p>You cannot see this project.</p>`;
  return html`<h1>${projectKey} issues</h1>
<p class="muted">The first 100 issues. Open one to see its Outcomes side panel.</p>
${found.table}`;
}

/** Jira's issue navigator, in brief: where the app's "see them in Jira" links land; any JQL works. */
async function searchPage(sandbox: Sandbox, req: Req, jql: string) {
  const form = html`<h1>Search</h1>
<form method="get" action="/issues/"><label>JQL <input name="jql" size="90" value="${jql}"></label> <button>Search</button></form>`;
  if (!jql.trim()) return form;
  const found = await issueTable(sandbox, req, jql);
  return found.ok
    ? html`${form}<p class="muted">The first 100 matches.</p>${found.table}`
    : html`${form}<p>${found.error}</p>`;
}

async function issueTable(sandbox: Sandbox, req: Req, jql: string) {
  const { status, json } = await restJson<{ issues: SearchIssue[]; errorMessages?: string[] }>(
    sandbox,
    req,
    `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&maxResults=100&fields=summary,status,issuetype,parent,customfield_10016`,
  );
  if (status !== 200)
    return { ok: false as const, error: json.errorMessages?.join(' ') ?? `Jira answered ${status}.` };
  return {
    ok: true as const,
    table: html`<table class="list"><thead><tr><th>Key</th><th>Type</th><th>Summary</th><th>Status</th><th>Parent</th><th>Points</th></tr></thead><tbody>
${json.issues.map(
  (i) =>
    html`<tr><td><a href="/browse/${i.key}">${i.key}</a></td><td>${i.fields.issuetype?.name}</td><td>${i.fields.summary}</td><td>${i.fields.status?.name}</td><td>${i.fields.parent?.key ?? ''}</td><td>${i.fields.customfield_10016 ?? ''}</td></tr>`,
)}
</tbody></table>`,
  };
}

/** A project as the signed-in user sees it, with the app's module of a type, or null if either is missing. */
async function projectModule(sandbox: Sandbox, req: Req, projectKey: string, type: UiModule['type']) {
  const { status, json } = await restJson<{ id: string; key: string; name: string }>(
    sandbox,
    req,
    `/rest/api/3/project/${projectKey}`,
  );
  const module = sandbox.manifest.uiModules.find((m) => m.type === type);
  if (status !== 200 || !module) return null;
  return { project: json, module, context: { extension: { type, project: { id: json.id, key: json.key } } } };
}

const cannotSee = (projectKey: string) => html`<h1>${projectKey}</h1><p>You cannot see this project.</p>`;

async function projectPage(sandbox: Sandbox, req: Req, projectKey: string) {
  const found = await projectModule(sandbox, req, projectKey, 'jira:projectPage');
  if (!found) return cannotSee(projectKey);
  const { project: json, module, context } = found;
  return html`<p class="muted">Projects / ${json.name} / Apps</p>${appFrame(module.resource, module.key, context, 'Project outcomes', { fullPage: true, historyBase: `/projects/${json.key}/outcomes` })}`;
}

/**
 * A project's settings, where the app's project settings page lives: Jira shows them to the project's
 * administrators (and Jira admins) only. The page's resolver checks the caller itself.
 */
async function projectSettingsPage(sandbox: Sandbox, req: Req, projectKey: string) {
  const found = await projectModule(sandbox, req, projectKey, 'jira:projectSettingsPage');
  if (!found) return { status: 404, body: cannotSee(projectKey) };
  const { project: json, module, context } = found;
  const admin =
    sandbox.jira.isJiraAdmin(req.user.accountId) ||
    sandbox.jira.administersProject(req.user.accountId, json.key);
  if (sandbox.host.behaviours.moduleAccess.enabled && !admin) {
    return {
      status: 403,
      body: html`<h1>You don't have access to ${json.name}'s settings</h1>
<p>Only the project's administrators can open its settings, where Outcome Bridge's project page for admins lives.</p>`,
    };
  }
  return {
    status: 200,
    body: html`<p class="muted">Projects / ${json.name} / Project settings / Apps</p>${appFrame(module.resource, module.key, context, 'Outcome Bridge project settings', { fullPage: true, historyBase: `/projects/${json.key}/settings/outcome-bridge` })}`,
  };
}

/** Jira settings, where the admin page lives, open to Jira administrators only. */
function seesJiraSettings(sandbox: Sandbox, req: Req): boolean {
  return !sandbox.host.behaviours.moduleAccess.enabled || sandbox.jira.isJiraAdmin(req.user.accountId);
}

function adminPageStatus(sandbox: Sandbox, req: Req): number {
  return seesJiraSettings(sandbox, req) ? 200 : 403;
}

function adminPage(sandbox: Sandbox, req: Req) {
  const module = sandbox.manifest.uiModules.find((m) => m.type === 'jira:adminPage');
  if (!module) return html`<p>No admin page module.</p>`;
  if (!seesJiraSettings(sandbox, req)) {
    return html`<h1>You don't have access to Jira settings</h1>
<p>Only Jira administrators can open Jira settings, where the Outcome Bridge admin page lives. Ask a Jira administrator, or switch to one at the top right.</p>`;
  }
  return html`<p class="muted">Jira settings / Apps</p>${appFrame(
    module.resource,
    module.key,
    { extension: { type: 'jira:adminPage' } },
    'Outcome Bridge admin',
    {
      fullPage: true,
      historyBase: '/admin/outcome-bridge',
    },
  )}`;
}

// --- plumbing ---

function readBody(raw: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    raw.on('error', reject);
  });
}

function parseBody(req: Req): Record<string, unknown> {
  if (req.raw.headers['content-type']?.includes('application/json'))
    return JSON.parse(req.body || '{}') as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(req.body));
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (status === 204 || body === undefined) {
    res.writeHead(status).end();
    return;
  }
  sendText(res, status, JSON.stringify(body), 'application/json');
}

function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(text);
}

function sendFile(res: ServerResponse, file: string) {
  const type = MIME[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(readFileSync(file));
}
