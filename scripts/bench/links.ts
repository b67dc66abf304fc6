import { DEMO_ACCOUNTS, emptyDemoSite, JiraEmulator } from '../../sandbox/jira';
import { readManifest } from '../../sandbox/runtime/manifest';
import { seedDemoOutcomes } from '../../sandbox/seed-outcomes';
import { APP_ACCOUNT_ID, createSandbox } from '../../sandbox/site';
import type { Reply } from '../../src/contract/envelope';

/**
 * Issue 4's figures (`npm run bench:links`): what one issue side panel load costs, and the Jira calls of
 * a mapping rule's backfill over 1,000 and 10,000 matching tickets against the fewest pages
 * /rest/api/3/search/jql allows (5,000 a page when only ids and keys are asked for).
 */
const ADMIN = 'outcome-bridge-admin-page';
const PANEL = 'outcome-bridge-issue-panel';
const NOW = new Date('2026-06-15T09:00:00Z');

const unwrap = <T>(reply: unknown, what: string): T => {
  const r = reply as Reply<T>;
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.data;
};

async function panelLoad() {
  const sandbox = await createSandbox({ dataDir: null, reset: true, now: NOW, queueDelayScale: 0 });
  await seedDemoOutcomes(sandbox, NOW);
  // A story under a linked epic: it inherits the outcome; the outcome has KPIs to show.
  const outcomes = unwrap<{ outcomes: { id: string; title: string }[] }>(
    await sandbox.invoke(ADMIN, 'admin/load', {}, DEMO_ACCOUNTS.alice),
    'admin/load',
  ).outcomes;
  const outcome = outcomes[0];
  if (!outcome) throw new Error('no demo outcome');
  for (const [kind, unit] of [
    ['business', 'percent'],
    ['technical', 'latency-ms'],
  ] as const) {
    unwrap(
      await sandbox.invoke(
        ADMIN,
        'kpis/create',
        {
          draft: {
            outcomeId: outcome.id,
            name: `${kind} KPI`,
            description: 'What is measured, and how, in a sentence.',
            kind,
            unit,
            direction: 'decrease',
            baseline: 40,
            target: 30,
            dueDate: null,
          },
          saveAsDraft: true,
        },
        DEMO_ACCOUNTS.alice,
      ),
      'kpis/create',
    );
  }
  const story = sandbox.jira.state.issues.find(
    (i) => JSON.stringify(i.properties).includes(outcome.id) && i.parentId,
  );
  if (!story) throw new Error('no inheriting story');
  sandbox.jira.counters.reset();
  sandbox.kvs.counters.reset();
  sandbox.host.resetCounters();
  unwrap(
    await sandbox.invoke(PANEL, 'panel/load', { issueKey: story.key }, DEMO_ACCOUNTS.evan),
    'panel/load',
  );
  return { story: story.key, jira: sandbox.jira.counters.snapshot(), kvs: sandbox.kvs.counters.snapshot() };
}

async function backfill(tickets: number) {
  const manifest = readManifest();
  const site = new JiraEmulator(emptyDemoSite(), {
    indexedProperties: manifest.indexedProperties,
    appAccountId: APP_ACCOUNT_ID,
  });
  for (let i = 0; i < tickets; i++) {
    site.createIssue(
      { project: 'PLAT', issueType: 'Task', summary: `Hardening task ${i + 1}` },
      DEMO_ACCOUNTS.dev,
    );
  }
  const sandbox = await createSandbox({ dataDir: null, site: site.toJSON(), now: NOW, queueDelayScale: 0 });
  const outcomeId = unwrap<{ id: string }>(
    await sandbox.invoke(
      ADMIN,
      'outcomes/create',
      {
        draft: {
          title: 'Platform stability',
          statement: 'Fewer incidents for shoppers during peak sales.',
          projectKeys: ['PLAT'],
          businessOwnerId: DEMO_ACCOUNTS.priya,
          technologyOwnerId: DEMO_ACCOUNTS.dev,
          startDate: '2026-04-01',
          dueDate: '2026-12-31',
          roles: { decides: [DEMO_ACCOUNTS.dev], advises: [], escalatedTo: [] },
        },
      },
      DEMO_ACCOUNTS.alice,
    ),
    'outcomes/create',
  ).id;
  const rule = unwrap<{ id: string }>(
    await sandbox.invoke(
      ADMIN,
      'rules/create',
      { draft: { outcomeId, jql: 'issuetype = Task' } },
      DEMO_ACCOUNTS.alice,
    ),
    'rules/create',
  );
  sandbox.jira.counters.reset();
  const started = Date.now();
  const run = unwrap<{ id: string }>(
    await sandbox.invoke(ADMIN, 'rules/backfill', { id: rule.id }, DEMO_ACCOUNTS.alice),
    'backfill',
  );
  await sandbox.settle();
  const done = unwrap<{ status: string; matched: number; changed: number; pages: number }>(
    await sandbox.invoke(ADMIN, 'runs/get', { id: run.id }, DEMO_ACCOUNTS.alice),
    'runs/get',
  );
  return { tickets, done, ms: Date.now() - started, jira: sandbox.jira.counters.snapshot() };
}

async function main() {
  const panel = await panelLoad();
  const list = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ×${v}`)
      .join(', ');
  console.log(`Side panel load (panel/load for ${panel.story}, one inherited outcome with 2 KPIs):`);
  console.log(`  Jira calls: ${panel.jira.total} (${list(panel.jira.byRoute)})`);
  console.log(`  KVS operations: ${panel.kvs.total} (${list(panel.kvs.byOperation)})\n`);
  console.log('Backfill of one mapping rule (every matching ticket unlinked before):');
  for (const n of [1000, 10000]) {
    const r = await backfill(n);
    const searches = r.jira.byRoute['POST /rest/api/3/search/jql'] ?? 0;
    const minimum = Math.ceil(n / 5000);
    const childLookups = Math.ceil(n / 250);
    const recount = Math.ceil(n / 100);
    console.log(
      `  ${n} tickets: run ${r.done.status}, matched ${r.done.matched}, changed ${r.done.changed}, ${r.ms} ms\n` +
        `    ${r.jira.total} Jira calls: ${list(r.jira.byRoute)}\n` +
        `    searches ${searches} = ${minimum} id pages (the minimum /search/jql allows: 5,000 ids a page) + 1 empty page ending that phase` +
        ` + ${childLookups} child lookups (parent in 250 keys, to pass the outcome on to stories and subtasks) + 1 page each for the linked and stale phases` +
        ` + ${recount} pages of the recount that brings the outcome's numbers up to date (100 tickets a page, with fields)` +
        `\n    approximate counts: the run's matches, counted at its start (for "n of m") and again at its end`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
