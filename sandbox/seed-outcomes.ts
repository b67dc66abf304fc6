import type { Reply } from '../src/contract/envelope';
import type { KpiDraftInput } from '../src/contract/kpi';
import type { OutcomeDraftInput, OutcomeView } from '../src/contract/outcome';
import { DEMO_ACCOUNTS } from './jira';
import { setSandboxClock } from './runtime/clock';
import type { Sandbox } from './site';

const ADMIN_PAGE = 'outcome-bridge-admin-page';
const ISSUE_PANEL = 'outcome-bridge-issue-panel';

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const daysFrom = (now: Date, days: number) => isoDay(new Date(now.getTime() + days * DAY_MS));

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
 * Plays the demo's last weeks through the app, a day at a time, as if it had been installed the day the
 * first outcome started: each outcome is created with its KPIs on its start day and its epics linked
 * (their stories and subtasks inherit through the app's own background work), check-ins arrive over the
 * weeks, the work Jira's users finished since is finished again on its day, and the app's own nightly
 * check runs every day, leaving the snapshots the trend chart shows. Everything the app stores, it wrote
 * itself: through its resolvers as Alice Admin, its triggers and its scheduled job. The sandbox clock is
 * set to each day in turn (the app reads it, as it reads the machine's), and back to `now` at the end.
 */
export async function seedDemoOutcomes(
  sandbox: Sandbox,
  now = new Date(),
): Promise<{ outcomes: number; links: number }> {
  const demos = demoOutcomes(now);
  const daysBack = (isoDate: string | null | undefined) =>
    Math.round((now.getTime() - Date.parse(isoDate ?? '')) / DAY_MS);
  const firstDay = Math.max(...demos.map((d) => daysBack(d.draft.startDate)));
  const plan = demos.map((demo) => ({ demo, created: daysBack(demo.draft.startDate) }));
  let links = 0;
  const started = performance.now();
  try {
    setSandboxClock(new Date(now.getTime() - firstDay * DAY_MS));
    const toFinish = reopenWorkFinishedSince(sandbox, demos, now.getTime() - firstDay * DAY_MS);
    const checkIns: { back: number; kpiId: string; checkIn: DemoKpi['checkIns'][number] }[] = [];
    for (let back = firstDay; back >= 0; back--) {
      const at = now.getTime() - back * DAY_MS;
      setSandboxClock(new Date(at));
      for (const { demo, created } of plan.filter((p) => p.created === back)) {
        const seeded = await seedOutcome(sandbox, demo);
        links += demo.epics.length;
        // Each KPI's check-ins spread evenly over the outcome's weeks so far, the last a while before today.
        for (const [name, kpiId] of seeded.kpis) {
          const kpi = demo.kpis.find((k) => k.draft.name === name);
          const n = kpi?.checkIns.length ?? 0;
          kpi?.checkIns.forEach((checkIn, j) => {
            checkIns.push({ back: Math.round((created * (n - j)) / (n + 1)), kpiId, checkIn });
          });
        }
      }
      for (const { kpiId, checkIn } of checkIns.filter((c) => c.back === back)) {
        await call(sandbox, 'kpis/check-in', { kpiId, ...checkIn });
      }
      while (toFinish.length > 0 && (toFinish[0]?.at ?? Number.POSITIVE_INFINITY) <= at) {
        const done = toFinish.shift();
        if (done) sandbox.jira.updateIssue(done.key, { status: 'Done' }, DEMO_ACCOUNTS.alice);
      }
      await sandbox.settle();
      await sandbox.runScheduled('reconcile-schedule');
      await sandbox.settle();
    }
  } finally {
    // Back to `now`, as much later as the replay took, so the clock runs on as if it had never moved.
    setSandboxClock(new Date(now.getTime() + (performance.now() - started)));
  }
  return { outcomes: demos.length, links };
}

/**
 * Puts back in progress the tickets of the outcomes' projects that Jira says were finished after `since`,
 * and returns them in the order they were finished, so the replay finishes each on its own day.
 */
function reopenWorkFinishedSince(sandbox: Sandbox, demos: DemoOutcome[], since: number) {
  const state = sandbox.jira.state;
  const keys = new Set(demos.flatMap((d) => d.draft.projectKeys));
  const projects = new Set(state.projects.filter((p) => keys.has(p.key)).map((p) => p.id));
  const finished = state.issues
    .filter((i) => projects.has(i.projectId) && i.resolutiondate && Date.parse(i.resolutiondate) > since)
    .map((i) => ({ key: i.key, at: Date.parse(i.resolutiondate ?? '') }))
    .sort((a, b) => a.at - b.at);
  for (const { key } of finished)
    sandbox.jira.updateIssue(key, { status: 'In Progress' }, DEMO_ACCOUNTS.alice);
  return finished;
}

/** Creates one demo outcome with its KPIs and links its epics, all through the app's resolvers. */
async function seedOutcome(sandbox: Sandbox, demo: DemoOutcome) {
  const created = await call<OutcomeView>(sandbox, 'outcomes/create', { draft: demo.draft });
  const kpis = await seedKpis(sandbox, created.id, demo);
  const keys = await epicKeys(
    sandbox,
    demo.epics.map((e) => e.summary),
  );
  for (const [i, epic] of demo.epics.entries()) {
    const linked = (await sandbox.invoke(
      ISSUE_PANEL,
      'links/add',
      { issueKey: keys[i], outcomeId: created.id, kpiIds: epic.kpis.map((name) => kpis.get(name)) },
      DEMO_ACCOUNTS.alice,
    )) as Reply<unknown>;
    if (!linked.ok) throw new Error(`Seeding a link on ${keys[i]} failed: ${linked.error.message}`);
  }
  return { id: created.id, kpis };
}

async function call<T>(sandbox: Sandbox, key: string, payload: unknown): Promise<T> {
  const reply = (await sandbox.invoke(ADMIN_PAGE, key, payload, DEMO_ACCOUNTS.alice)) as Reply<T>;
  if (!reply.ok) throw new Error(`Seeding (${key}) failed: ${reply.error.message}`);
  return reply.data;
}

/** The demo KPIs, business ones first so technical ones can name what they move; check-ins come later. */
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
  }
  return ids;
}

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
