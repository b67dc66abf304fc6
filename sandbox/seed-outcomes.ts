import type { Reply } from '../src/contract/envelope';
import type { OutcomeDraftInput, OutcomeView } from '../src/contract/outcome';
import { DEMO_ACCOUNTS } from './jira';
import type { Sandbox } from './site';

const ADMIN_PAGE = 'outcome-bridge-admin-page';
const ISSUE_PANEL = 'outcome-bridge-issue-panel';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const daysFrom = (now: Date, days: number) => isoDay(new Date(now.getTime() + days * 86_400_000));

interface DemoOutcome {
  draft: OutcomeDraftInput;
  /** Epics (by summary) whose work serves the outcome: the epic and its children get linked. */
  epics: string[];
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
      'Recover declined card payments with smart retries',
      'One-click checkout for returning customers',
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
      'Checkout API uptime at 99.95%',
      'p95 latency under 300 ms for storefront APIs',
      'Checkout page performance',
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
    for (const issueKey of await epicKeys(sandbox, demo.epics)) {
      const linked = (await sandbox.invoke(
        ISSUE_PANEL,
        'links/add',
        { issueKey, outcomeId: created.data.id },
        admin,
      )) as Reply<unknown>;
      if (!linked.ok) throw new Error(`Seeding a link on ${issueKey} failed: ${linked.error.message}`);
      links++;
    }
  }
  await sandbox.settle();
  return { outcomes: demos.length, links };
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
