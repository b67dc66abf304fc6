import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModuleAccessError } from '../../sandbox/runtime/app-host';
import type { Sandbox } from '../../sandbox/site';
import type { Reply } from '../../src/contract/envelope';
import { buildDraft } from '../builders/outcome-draft';
import { everyCall, type Live, type Need, readLive } from '../support/resolver-calls';
import { buildTargets, GHOST, type Target, type Targets } from '../support/resolver-targets';
import { settingsPageOf, testSandbox, USERS } from '../support/sandbox';

/**
 * Every function key of every surface, called by each demo role against an outcome of its own project
 * (CHK, Priya's) and of a foreign one (MOB). Who may do what is read from the emulated site's
 * permissions (Jira's /mypermissions as each user), not from the app. An answer fails the matrix when it:
 *  - refuses someone the site allows (FORBIDDEN or NOT_FOUND), or grants someone it does not;
 *  - names anything of a project the role cannot browse (titles, statements, KPI names, rule JQL, issue
 *    summaries, the project's key or name), other than what the caller itself sent;
 *  - tells a thing the role may not see from one that does not exist (the answer for a made-up project,
 *    issue, outcome, KPI, rule and run must be the same);
 *  - changes storage or Jira when refused.
 * It prints the matrix (`--silent=false` shows it) and writes it to test-results/authorization-matrix.txt.
 */

const ROLES = [
  { label: 'Jira admin', who: 'alice', accountId: USERS.alice },
  { label: "project admin (outcome's project)", who: 'priya', accountId: USERS.priya },
  { label: 'project admin elsewhere', who: 'dev', accountId: USERS.dev },
  { label: 'editor', who: 'evan', accountId: USERS.evan },
  { label: 'read-only', who: 'rita', accountId: USERS.rita },
  { label: 'outsider', who: 'oscar', accountId: USERS.oscar },
] as const;
type Role = (typeof ROLES)[number];

/** What the site lets a role do, asked of the emulated Jira as that user. */
interface Rights {
  jiraAdmin: boolean;
  browse: Set<string>;
  edit: Set<string>;
  administer: Set<string>;
}

async function rightsOf(sandbox: Sandbox, accountId: string): Promise<Rights> {
  const ask = async (query: string) => {
    const reply = await sandbox.jira.handle(
      { method: 'GET', url: `/rest/api/3/mypermissions?${query}` },
      { type: 'user', accountId },
    );
    // Jira answers 404 for a project the user cannot see: no permission there.
    if (reply.status !== 200) return () => false;
    const body = JSON.parse(reply.body) as { permissions: Record<string, { havePermission: boolean }> };
    return (key: string) => body.permissions[key]?.havePermission === true;
  };
  const rights: Rights = {
    jiraAdmin: (await ask('permissions=ADMINISTER'))('ADMINISTER'),
    browse: new Set(),
    edit: new Set(),
    administer: new Set(),
  };
  for (const { key } of sandbox.jira.state.projects) {
    const has = await ask(`permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER_PROJECTS&projectKey=${key}`);
    if (has('BROWSE_PROJECTS')) rights.browse.add(key);
    if (has('EDIT_ISSUES')) rights.edit.add(key);
    if (has('ADMINISTER_PROJECTS')) rights.administer.add(key);
  }
  return rights;
}

/**
 * Whether the site grants `need` on the target's project to a role (Alice started every run), on a page
 * where Jira shows it: the admin page (in Jira settings) to Jira admins only when `moduleAccess` is on, the
 * project settings page (the target project's own) to anyone, its resolver confined to that project.
 */
function allowed(
  need: Need,
  rights: Rights,
  role: Role,
  projectKey: string,
  page: { surface: string; jiraSettingsForAdminsOnly: boolean },
): boolean {
  if (page.surface === 'admin' && page.jiraSettingsForAdminsOnly && !rights.jiraAdmin) return false;
  const manages = rights.jiraAdmin || rights.administer.has(projectKey);
  const adminPage = page.surface === 'settings' ? manages : rights.jiraAdmin || rights.administer.size > 0;
  switch (need) {
    case 'browse':
      return rights.browse.has(projectKey);
    case 'edit':
      return rights.edit.has(projectKey);
    case 'admin-page':
      return adminPage;
    case 'read-outcome':
      return adminPage && rights.browse.has(projectKey);
    case 'manage':
      return manages;
    case 'follow-run':
      return role.who === 'alice' || manages;
    case 'starter':
      return role.who === 'alice';
    case 'jira-admin':
      return rights.jiraAdmin;
    case 'decide': {
      // The targets are built from buildDraft: its owners, deciders and escalation for the project.
      const named = buildDraft({ projectKeys: [projectKey] });
      const ids = [
        named.businessOwnerId,
        named.technologyOwnerId,
        ...(named.roles?.decides ?? []),
        ...(named.roles?.escalatedTo ?? []),
      ];
      return rights.browse.has(projectKey) && ids.includes(role.accountId);
    }
  }
}

/** A world of the same shape that names nothing: the answer for it is what "does not exist" sounds like. */
const ghostOf = (t: Target): Target => ({
  ...t,
  projectKey: 'NOPE',
  projectName: 'Nope',
  outcomeId: GHOST.outcomeId,
  kpiId: GHOST.kpiId,
  ruleId: GHOST.ruleId,
  runId: GHOST.runId,
  bulkRunId: 'run-00000000-0000-4000-8000-000000000001',
  issueKey: 'NOPE-1',
  otherIssueKey: 'NOPE-2',
});

/** What is stored, as it would read in the ghost's world: the target's ids (not its project) the ghost's. */
function ghostLive(live: Live, t: Target): Live {
  const ghost = ghostOf(t);
  let text = JSON.stringify(live);
  for (const field of ID_FIELDS) text = text.split(String(t[field])).join(String(ghost[field]));
  return JSON.parse(text) as Live;
}

/** The reply with the target's identifying values (or the ghost's) replaced by their names. */
function normalized(reply: unknown, t: Target): string {
  let text = JSON.stringify(reply);
  for (const field of [...ID_FIELDS, 'projectKey'] as const)
    text = text.split(String(t[field])).join(`<${field}>`);
  return text;
}

/** A target's ids, longest-contained first (a bulk run's id is no part of another, an issue key may be). */
const ID_FIELDS = [
  'bulkRunId',
  'runId',
  'outcomeId',
  'kpiId',
  'ruleId',
  'otherIssueKey',
  'issueKey',
] as const;

/** Every string the caller sent, longest first: an answer may repeat what it was told. */
function sentStrings(payload: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string' && v.length >= 3) found.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(payload);
  return [...found].sort((a, b) => b.length - a.length);
}

/** What a role must never read: everything of the projects it cannot browse, and those projects' names. */
function secretsFor(rights: Rights, targets: Targets, sandbox: Sandbox): string[] {
  const secrets: string[] = [];
  for (const t of [targets.own, targets.foreign]) {
    if (rights.browse.has(t.projectKey)) continue;
    secrets.push(
      t.outcomeTitle,
      t.outcomeStatement,
      t.kpiName,
      t.ruleJql,
      t.issueSummary,
      `${t.projectKey}-`,
    );
    secrets.push(`"${t.projectKey}"`, t.projectName);
  }
  if (!rights.browse.has('CHK') && !rights.browse.has('MOB')) secrets.push(targets.spanning.title);
  for (const project of sandbox.jira.state.projects) {
    if (rights.browse.has(project.key)) continue;
    secrets.push(`"${project.key}"`, `${project.key}-`, project.name);
  }
  return [...new Set(secrets)].filter((s) => s.length > 0);
}

const SHORT: Record<string, string> = {
  VALIDATION_FAILED: 'valid',
  FORBIDDEN: 'FORB',
  NOT_FOUND: 'NOTF',
  CONFLICT: 'confl',
  RATE_LIMITED: 'rate',
  JIRA_UNAVAILABLE: 'jira',
  INTERNAL: 'INTERNAL',
  HIDDEN: 'hidden',
};

describe('authorization matrix: every function key, every demo role, own and foreign project', () => {
  let sandbox: Sandbox;
  let targets: Targets;
  const rights = new Map<string, Rights>();
  const lives = new Map<Target, Live>();
  const rows: string[][] = [];
  // The points ledger (`usage:` keys) records what every call spent, refused ones too: accounting, not data.
  const state = () => {
    const store = sandbox.kvs.snapshot();
    const kvs = store.kvs.filter((entry) => !entry.key.startsWith('usage:'));
    return JSON.stringify([{ ...store, kvs }, sandbox.jira.toJSON()]);
  };

  beforeAll(async () => {
    sandbox = await testSandbox();
    targets = await buildTargets(sandbox);
    for (const role of ROLES) rights.set(role.who, await rightsOf(sandbox, role.accountId));
    for (const t of [targets.own, targets.foreign]) lives.set(t, await readLive(sandbox, t));
  }, 120_000);

  afterAll(() => {
    const head = ['function key', ...ROLES.flatMap((r) => [`${r.who}:CHK`, `${r.who}:MOB`])];
    // The settings page is the target project's own: CHK's for CHK targets, MOB's for MOB's.
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ');
    const matrix = [
      "Authorization matrix (ok: allowed and answered; refusals by code, hidden: Jira does not show the page; CHK: own project, MOB: foreign; settings: that project's settings page):",
      ...ROLES.map((r) => `  ${r.who}: ${r.label}`),
      line(head),
      widths.map((w) => '─'.repeat(w)).join('─┼─'),
      ...rows.map(line),
    ].join('\n');
    // Vitest shows a passing test's output only with --silent=false; the file is there either way.
    console.log(matrix);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/authorization-matrix.txt', `${matrix}\n`);
  });

  /**
   * A call as the page would make it. A module Jira does not show the role (the admin page to anyone but
   * Jira admins) cannot be invoked at all: that counts as a refusal, the same for every target.
   */
  async function invoke(module: string, key: string, payload: unknown, accountId: string, extension: object) {
    try {
      return (await sandbox.invoke(module, key, payload, accountId, { ...extension })) as Reply<unknown>;
    } catch (error) {
      if (!(error instanceof ModuleAccessError)) throw error;
      return { ok: false, error: { code: 'HIDDEN', message: error.message, fieldErrors: [] } } as const;
    }
  }

  for (const { surface, module, key, call, extension } of everyCall()) {
    it(`${surface} ${key}`, { timeout: 120_000 }, async () => {
      const row = [`${surface} ${key}`];
      for (const role of ROLES) {
        const r = rights.get(role.who) as Rights;
        const secrets = secretsFor(r, targets, sandbox);
        for (const target of [targets.own, targets.foreign]) {
          const context = `${role.who} (${role.label}) calling ${key} on ${target.projectKey}`;
          const live = lives.get(target) as Live;
          const payload = call.payload(target, live);
          const before = state();
          const reply = await invoke(module, key, payload, role.accountId, extension(target));
          const may = allowed(call.needs, r, role, target.projectKey, {
            surface,
            jiraSettingsForAdminsOnly: sandbox.host.behaviours.moduleAccess.enabled,
          });

          // Nothing of what the role may not know, besides what it sent.
          let text = JSON.stringify(reply);
          for (const sent of sentStrings(payload)) text = text.split(sent).join('<sent>');
          for (const secret of secrets) expect(text, `${context} reveals "${secret}"`).not.toContain(secret);

          if (may) {
            const refused = !reply.ok && ['FORBIDDEN', 'NOT_FOUND', 'INTERNAL'].includes(reply.error.code);
            expect(refused, `${context} was refused: ${reply.ok ? '' : reply.error.message}`).toBe(false);
            await sandbox.settle();
            lives.set(target, await readLive(sandbox, target));
          } else {
            expect(reply.ok, `${context} was answered although the site does not allow it`).toBe(false);
            if (!reply.ok)
              expect(['FORBIDDEN', 'NOT_FOUND', 'HIDDEN'], `${context}: ${reply.error.message}`).toContain(
                reply.error.code,
              );
            expect(state() === before, `${context} changed storage or Jira`).toBe(true);
            // What the role cannot see gets the answer a made-up one gets.
            if (!r.browse.has(target.projectKey)) {
              const ghost = ghostOf(target);
              // The ghost's payload is built from what is stored as it would read there: a check-in id
              // carries its KPI's, a backup file its outcome's and KPIs' ids.
              const madeUp = await invoke(
                module,
                key,
                call.payload(ghost, ghostLive(live, target)),
                role.accountId,
                extension(ghost),
              );
              expect(normalized(reply, target), `${context} tells hidden from missing`).toBe(
                normalized(madeUp, ghost),
              );
            }
          }
          row.push(reply.ok ? 'ok' : (SHORT[reply.error.code] ?? reply.error.code));
        }
      }
      rows.push(row);
    });
  }

  /** Needs that name one outcome (or its KPI, rule or run): on another project's settings page, refused. */
  const NAMES_AN_OUTCOME = new Set<Need>(['read-outcome', 'manage', 'follow-run']);

  for (const { module, key, call } of everyCall().filter((c) => c.surface === 'settings')) {
    it(`settings ${key} on CHK's settings page tells nothing of MOB's outcome, even to a Jira admin`, async () => {
      const target = targets.foreign;
      const context = `Alice calling ${key} about MOB's outcome on CHK's settings page`;
      const payload = call.payload(target, lives.get(target) as Live);
      const before = state();
      const reply = await invoke(module, key, payload, USERS.alice, settingsPageOf(targets.own.projectKey));
      let text = JSON.stringify(reply);
      for (const sent of sentStrings(payload)) text = text.split(sent).join('<sent>');
      for (const secret of [
        target.outcomeTitle,
        target.outcomeStatement,
        target.kpiName,
        target.ruleJql,
        target.issueSummary,
      ]) {
        expect(text, `${context} reveals "${secret}"`).not.toContain(secret);
      }
      if (NAMES_AN_OUTCOME.has(call.needs)) {
        expect(reply.ok, `${context} was answered`).toBe(false);
        if (!reply.ok) expect(['FORBIDDEN', 'NOT_FOUND'], context).toContain(reply.error.code);
        expect(state() === before, `${context} changed storage or Jira`).toBe(true);
      }
    });
  }
});
