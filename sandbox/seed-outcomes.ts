import type { Reply } from '../src/contract/envelope';
import type { KpiDraftInput } from '../src/contract/kpi';
import type { OutcomeDraftInput, OutcomeView } from '../src/contract/outcome';
import { assessHealth, timeElapsed } from '../src/domain/health';
import { listOutcomes } from '../src/platform/storage/outcome-repository';
import { saveSnapshot, snapshotsOf } from '../src/platform/storage/rollup-repository';
import { getSettings } from '../src/platform/storage/settings-repository';
import { DEMO_ACCOUNTS } from './jira';
import type { Sandbox } from './site';

const ADMIN_PAGE = 'outcome-bridge-admin-page';
const ISSUE_PANEL = 'outcome-bridge-issue-panel';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const daysFrom = (now: Date, days: number) => isoDay(new Date(now.getTime() + days * 86_400_000));

interface DemoKpi {
  draft: Omit<KpiDraftInput, 'outcomeId' | 'dueDate' | 'pairedKpiId'>;
  /** Values checked in since the start, oldest first. */
  checkIns: { value: number; confidence: 'low' | 'medium' | 'high'; note: string }[];
  /** The business KPI (by name) this technical one moves. */
  moves?: string;
}

interface DemoOutcome {
  draft: OutcomeDraftInput;
  /** Epics (by summary) whose work serves the outcome, with the KPIs (by name) each should move. */
  epics: { summary: string; kpis: string[] }[];
  kpis: DemoKpi[];
}

const demoOutcomes = (now: Date): DemoOutcome[] => [
  {
    draft: {
      title: 'Reduce checkout abandonment by 15% by Q3',
      statement:
        'Fewer shoppers give up between cart and payment. Every abandoned cart we win back is revenue we already paid to attract.',
      projectKeys: ['CHK'],
      businessOwnerId: DEMO_ACCOUNTS.priya,
      technologyOwnerId: DEMO_ACCOUNTS.maya,
      startDate: daysFrom(now, -60),
      dueDate: daysFrom(now, 120),
      state: 'active',
      roles: {
        decides: [DEMO_ACCOUNTS.priya],
        advises: [DEMO_ACCOUNTS.lena],
        escalatedTo: [DEMO_ACCOUNTS.alice],
      },
    },
    epics: [
      {
        summary: 'Recover declined card payments with smart retries',
        kpis: ['Declined payments recovered', 'Checkout abandonment rate'],
      },
      { summary: 'One-click checkout for returning customers', kpis: ['Checkout abandonment rate'] },
    ],
    kpis: [
      {
        draft: {
          name: 'Checkout abandonment rate',
          description: 'Share of carts that reach checkout but are not paid for, per week.',
          kind: 'business',
          unit: 'percent',
          direction: 'decrease',
          baseline: 68,
          target: 58,
        },
        checkIns: [
          { value: 67.1, confidence: 'medium', note: 'Retries live for Visa only.' },
          { value: 65.4, confidence: 'high', note: 'Retries on every card network.' },
        ],
      },
      {
        draft: {
          name: 'Declined payments recovered',
          description: 'Share of declined card payments that succeed on a smart retry, per week.',
          kind: 'technical',
          unit: 'percent',
          direction: 'increase',
          baseline: 8,
          target: 30,
        },
        checkIns: [
          { value: 14, confidence: 'medium', note: 'First week of retries.' },
          { value: 19, confidence: 'high', note: '' },
        ],
        moves: 'Checkout abandonment rate',
      },
    ],
  },
  {
    draft: {
      title: 'Keep checkout fast and available while traffic doubles',
      statement:
        'Shoppers abandon slow or failing checkouts, and outages during peak sales cost the most. Reliability is part of the customer experience.',
      projectKeys: ['CHK', 'PLAT'],
      businessOwnerId: DEMO_ACCOUNTS.priya,
      technologyOwnerId: DEMO_ACCOUNTS.dev,
      startDate: daysFrom(now, -30),
      dueDate: daysFrom(now, 150),
      state: 'active',
      roles: {
        decides: [DEMO_ACCOUNTS.dev],
        advises: [DEMO_ACCOUNTS.sam, DEMO_ACCOUNTS.priya],
        escalatedTo: [DEMO_ACCOUNTS.alice],
      },
    },
    epics: [
      { summary: 'Checkout API uptime at 99.95%', kpis: ['Checkout API availability'] },
      { summary: 'p95 latency under 300 ms for storefront APIs', kpis: ['Storefront p95 latency'] },
      { summary: 'Checkout page performance', kpis: ['Storefront p95 latency', 'Peak-sale conversion rate'] },
    ],
    kpis: [
      {
        draft: {
          name: 'Peak-sale conversion rate',
          description: 'Share of storefront visits that end in an order during sale events.',
          kind: 'business',
          unit: 'percent',
          direction: 'increase',
          baseline: 3.1,
          target: 3.6,
        },
        checkIns: [{ value: 3.2, confidence: 'low', note: 'One sale event so far.' }],
      },
      {
        draft: {
          name: 'Checkout API availability',
          description: 'Share of minutes the checkout API answers within its SLO, over 30 days.',
          kind: 'technical',
          unit: 'availability-percent',
          direction: 'increase',
          baseline: 99.5,
          target: 99.95,
        },
        checkIns: [{ value: 99.82, confidence: 'medium', note: 'Failover tested in staging.' }],
        moves: 'Peak-sale conversion rate',
      },
      {
        draft: {
          name: 'Storefront p95 latency',
          description: 'The 95th percentile response time of storefront APIs, over 7 days.',
          kind: 'technical',
          unit: 'latency-ms',
          direction: 'decrease',
          baseline: 520,
          target: 300,
        },
        checkIns: [
          { value: 470, confidence: 'medium', note: 'Cache in front of the catalogue.' },
          { value: 430, confidence: 'medium', note: '' },
        ],
        // A second technical KPI moving the same business KPI: pairing is many to one.
        moves: 'Peak-sale conversion rate',
      },
    ],
  },
];

/**
 * Writes the demo outcomes and links through the app's own resolvers, as Alice Admin, so the stored
 * data is exactly what the app itself writes and the first screen tells the story. Only the epics are
 * linked: their stories and subtasks inherit the outcome through the app's own background work.
 */
export async function seedDemoOutcomes(
  sandbox: Sandbox,
  now = new Date(),
): Promise<{ outcomes: number; links: number }> {
  const admin = DEMO_ACCOUNTS.alice;
  let links = 0;
  const demos = demoOutcomes(now);
  for (const demo of demos) {
    const created = (await sandbox.invoke(
      ADMIN_PAGE,
      'outcomes/create',
      { draft: demo.draft },
      admin,
    )) as Reply<OutcomeView>;
    if (!created.ok) throw new Error(`Seeding "${demo.draft.title}" failed: ${created.error.message}`);
    const kpiIds = await seedKpis(sandbox, created.data.id, demo);
    const keys = await epicKeys(
      sandbox,
      demo.epics.map((e) => e.summary),
    );
    for (const [i, epic] of demo.epics.entries()) {
      const linked = (await sandbox.invoke(
        ISSUE_PANEL,
        'links/add',
        {
          issueKey: keys[i],
          outcomeId: created.data.id,
          kpiIds: epic.kpis.map((name) => kpiIds.get(name)),
        },
        admin,
      )) as Reply<unknown>;
      if (!linked.ok) throw new Error(`Seeding a link on ${keys[i]} failed: ${linked.error.message}`);
      links++;
    }
  }
  await sandbox.settle();
  await seedTrendHistory(sandbox, now);
  return { outcomes: demos.length, links };
}

async function call<T>(sandbox: Sandbox, key: string, payload: unknown): Promise<T> {
  const reply = (await sandbox.invoke(ADMIN_PAGE, key, payload, DEMO_ACCOUNTS.alice)) as Reply<T>;
  if (!reply.ok) throw new Error(`Seeding (${key}) failed: ${reply.error.message}`);
  return reply.data;
}

/** The demo KPIs with their check-ins, business ones first so technical ones can name what they move. */
async function seedKpis(sandbox: Sandbox, outcomeId: string, demo: DemoOutcome) {
  const ids = new Map<string, string>();
  for (const kpi of demo.kpis) {
    const created = await call<{ kpis: { id: string; name: string }[] }>(sandbox, 'kpis/create', {
      draft: {
        ...kpi.draft,
        outcomeId,
        dueDate: demo.draft.dueDate ?? null,
        pairedKpiId: kpi.moves ? (ids.get(kpi.moves) ?? null) : null,
      },
    });
    const id = created.kpis.find((k) => k.name === kpi.draft.name)?.id;
    if (!id) throw new Error(`Seeding KPI "${kpi.draft.name}" returned no id`);
    ids.set(kpi.draft.name, id);
    for (const checkIn of kpi.checkIns) await call(sandbox, 'kpis/check-in', { kpiId: id, ...checkIn });
  }
  return ids;
}

/**
 * Demo history only: the daily snapshots that weeks of nightly reconciliation would have left, so the
 * trend chart has a story on the first start. Written with the app's own snapshot repository; today's
 * snapshot comes from a real reconciliation.
 */
async function seedTrendHistory(sandbox: Sandbox, now: Date) {
  await sandbox.runScheduled('reconcile-schedule');
  await sandbox.settle();
  const settings = (await getSettings()).settings;
  for (const outcome of await listOutcomes()) {
    const today = (await snapshotsOf(outcome.id)).at(-1);
    if (!today || !outcome.startDate) continue;
    const start = Date.parse(outcome.startDate);
    for (let day = 1; ; day++) {
      const at = now.getTime() - day * 86_400_000;
      if (at < start) break;
      // Work and KPIs moved slower than time at first, then caught up: a plausible, deterministic curve.
      const share = (at - start) / (now.getTime() - start);
      const delivery = today.delivery === null ? null : round(today.delivery * share ** 1.4);
      const kpi = today.kpi === null ? null : round(today.kpi * share ** 2);
      const elapsed = timeElapsed(outcome.startDate, outcome.dueDate, isoDay(new Date(at)));
      await saveSnapshot({
        outcomeId: outcome.id,
        day: isoDay(new Date(at)),
        delivery,
        kpi,
        elapsed,
        // Past days had no overdue work to speak of: the curve judges pace alone.
        health: assessHealth(
          { delivery: delivery === null ? null : { ratio: delivery, tickets: 1, overdue: 0 }, kpi, elapsed },
          settings,
        ).status,
      });
    }
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** The keys of the epics with these summaries. */
async function epicKeys(sandbox: Sandbox, summaries: string[]): Promise<string[]> {
  const keys: string[] = [];
  for (const summary of summaries) {
    const epic = await search(sandbox, `issuetype = Epic AND summary ~ "${summary.replace(/"/g, '\\"')}"`);
    const epicKey = epic.find((i) => i.summary === summary)?.key;
    if (!epicKey) throw new Error(`The demo site has no epic "${summary}"`);
    keys.push(epicKey);
  }
  return keys;
}

async function search(sandbox: Sandbox, jql: string): Promise<{ key: string; summary: string }[]> {
  const reply = await sandbox.jira.handle(
    {
      method: 'POST',
      url: '/rest/api/3/search/jql',
      body: JSON.stringify({ jql: `${jql} ORDER BY key ASC`, fields: ['summary'], maxResults: 100 }),
    },
    { type: 'app' },
  );
  if (reply.status !== 200) throw new Error(`Seed search failed (${reply.status}): ${reply.body}`);
  const body = JSON.parse(reply.body) as { issues: { key: string; fields: { summary: string } }[] };
  return body.issues.map((i) => ({ key: i.key, summary: i.fields.summary }));
}
