import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS, emptyDemoSite, JiraEmulator } from '../../sandbox/jira';
import { readManifest } from '../../sandbox/runtime/manifest';
import { APP_ACCOUNT_ID } from '../../sandbox/site';
import { addDays, daysBetween, formatIsoDay } from '../../src/domain/dates';
import { deliveryHistoryOf, forecastDelivery, type WorkItem } from '../../src/domain/forecast/delivery';
import { forecastKpi, type KpiPoint } from '../../src/domain/forecast/kpi-trend';
import { seededRandom, seedOf } from '../../src/domain/forecast/random';
import { type DoneItem, releaseImpacts, releasesOf } from '../../src/domain/forecast/release-impact';
import { deliveryVerdict, kpiVerdict } from '../../src/domain/forecast/verdict';
import { outcomeDeliveryForecast } from '../../src/domain/outcome-figures';
import { type RollupTotals, rollupOf } from '../../src/domain/rollup';
import { toRollupTicket } from '../../src/platform/jira/rollup-tickets';
import type { JiraIssue } from '../../src/platform/jira/schemas';

/**
 * Issue 16's figure (`npm run bench:forecast`; `npm run bench` prints it last): the forecasts' compute time
 * for one outcome of 10,000 tickets with a year of history, against JSON.parse of that history as the
 * nightly check would read it (/rest/api/3/search/jql pages of 100 with status, type, created, resolved,
 * summary and points). The compute is everything from the parsed tickets to the answers: each ticket's
 * dates, the weekly history, 10,000 simulated futures, the KPI trend over a year of daily values and the
 * before/after comparison of every release, with their words. Medians of 7 rounds, in wall time (as the
 * other figures) and in CPU time, which a machine shared with other work disturbs less.
 */
const NOW = new Date('2026-06-15T09:00:00Z');
const TODAY = NOW.toISOString().slice(0, 10);
const START = addDays(TODAY, -365);
const DUE = '2026-09-30';
const PROJECT = 'PLAT';
const EPICS = 20;
const FIELDS_PAGE = 100;
const MB = 1024 * 1024;
const KPI = {
  name: 'Checkout conversion',
  direction: 'increase' as const,
  target: 40,
  bandMin: null,
  bandMax: null,
  unit: 'percent' as const,
  customUnit: '',
};

const instant = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/**
 * A year of an outcome: 20 epics (12 done along the way) and 9,980 stories, tasks and bugs, three in five
 * planned on the start day and the rest added evenly over the year; seven in ten done, on a day between
 * the day after they were created and yesterday.
 */
function buildSite(tickets: number): JiraEmulator {
  const site = new JiraEmulator(emptyDemoSite(), {
    indexedProperties: readManifest().indexedProperties,
    appAccountId: APP_ACCOUNT_ID,
    clock: () => NOW,
    // The site is seeded and then read as a whole at a fixed time: Jira's search lag would never catch up
    // on a clock that stands still, and the figure is about parsing and computing, not about lag.
    behaviours: { searchLag: { enabled: false } },
  });
  const random = seededRandom(16);
  for (let i = 0; i < tickets; i++) {
    const epic = i < EPICS;
    const createdDay = epic || random() < 0.6 ? START : addDays(START, 1 + Math.floor(random() * 364));
    const open = daysBetween(createdDay, TODAY) - 1;
    const doneDay = epic
      ? i < 12
        ? addDays(START, 30 + i * 27)
        : null
      : random() < 0.7 && open > 0
        ? addDays(createdDay, 1 + Math.floor(random() * open))
        : null;
    site.createIssue(
      {
        project: PROJECT,
        issueType: epic ? 'Epic' : (['Story', 'Task', 'Bug'][i % 3] as string),
        summary: epic ? `Epic ${i + 1}` : `Ticket ${i + 1}`,
        status: doneDay !== null ? 'Done' : i % 5 === 0 ? 'In Progress' : 'To Do',
        storyPoints: [1, 2, 3, 5, 8][i % 5] ?? null,
        created: instant(createdDay, 9),
        ...(doneDay !== null ? { resolutiondate: instant(doneDay, 15) } : {}),
      },
      DEMO_ACCOUNTS.dev,
    );
  }
  return site;
}

/** The history as the nightly check would read it: every page of the outcome's tickets with the fields a forecast needs. */
async function historyPages(site: JiraEmulator): Promise<string[]> {
  const pointsField = site.state.storyPointsFieldId;
  const bodies: string[] = [];
  let token: string | undefined;
  do {
    const reply = await site.handle(
      {
        method: 'POST',
        url: '/rest/api/3/search/jql',
        body: JSON.stringify({
          jql: `project = ${PROJECT} ORDER BY key ASC`,
          fields: ['status', 'issuetype', 'created', 'resolutiondate', 'summary', pointsField],
          maxResults: FIELDS_PAGE,
          ...(token ? { nextPageToken: token } : {}),
        }),
      },
      { type: 'app' },
    );
    if (reply.status !== 200) throw new Error(`search failed: ${reply.status} ${reply.body}`);
    bodies.push(reply.body);
    token = (JSON.parse(reply.body) as { nextPageToken?: string }).nextPageToken;
  } while (token);
  return bodies;
}

/** A year of daily values of a KPI computed from Jira: a slow rise, noise, and a step after some releases. */
function kpiSeries(): KpiPoint[] {
  const random = seededRandom(2026);
  return Array.from({ length: 365 }, (_, d) => ({
    at: instant(addDays(START, d), 6),
    value: 30 + d * 0.02 + (d > 200 ? 1.5 : 0) + (random() - 0.5) * 2,
  }));
}

const dateOf = (f: Record<string, unknown>, name: string) => {
  const v = f[name];
  return typeof v === 'string' ? v : null;
};

/** Everything a forecast does once the history is parsed. */
function forecastAll(issues: JiraIssue[], series: KpiPoint[]) {
  const t0 = performance.now();
  const items: WorkItem[] = [];
  const done: DoneItem[] = [];
  for (const issue of issues) {
    const f = issue.fields as Record<string, unknown> & JiraIssue['fields'];
    const level = f.issuetype?.hierarchyLevel ?? 0;
    const doneOn = f.status?.statusCategory.key === 'done' ? dateOf(f, 'resolutiondate') : null;
    done.push({ key: issue.key, summary: f.summary ?? '', level, doneOn });
    // Epics are containers: their stories count, as in the rollup.
    if (level < 1) items.push({ created: f.created ?? START, doneOn, units: 1 });
  }
  const history = deliveryHistoryOf(items, START);
  const t1 = performance.now();
  const delivery = forecastDelivery(
    { history, unit: 'count', start: START, today: TODAY, dueDate: DUE },
    { random: seededRandom(seedOf(`outcome-1:${TODAY}`)) },
  );
  const t2 = performance.now();
  const kpi = forecastKpi({ kpi: KPI, series, today: TODAY, dueDate: DUE });
  const t3 = performance.now();
  const { releases } = releasesOf(done);
  const impacts = releaseImpacts({ releases, series, windowDays: 28, today: TODAY, kpi: KPI });
  const verdicts = [deliveryVerdict(delivery), kpiVerdict(kpi, KPI)];
  const t4 = performance.now();
  return {
    delivery,
    kpi,
    impacts,
    verdicts,
    ms: { history: t1 - t0, delivery: t2 - t1, kpi: t3 - t2, releases: t4 - t3, total: t4 - t0 },
  };
}

const OUTCOME = {
  id: 'outcome-1',
  startDate: START,
  dueDate: DUE,
  rollup: { method: 'count' as const, countSubtasks: false, weights: {} },
};

/**
 * What a page load does instead: the stored rollup's totals (kept up to date per ticket change, so not
 * timed here) carry the history by day; the load parses that record and forecasts from it, reading no
 * ticket. The dates must be the very ones the forecast from the tickets gives.
 */
function fromStoredRollup(issues: JiraIssue[]) {
  const totals = rollupOf(
    issues.map((i) => toRollupTicket(i, null)),
    OUTCOME.rollup,
    START,
  );
  const record = JSON.stringify(totals);
  const parse: number[] = [];
  const compute: number[] = [];
  let forecast: ReturnType<typeof outcomeDeliveryForecast> | null = null;
  for (let round = 0; round < 7; round++) {
    const t0 = performance.now();
    const read = JSON.parse(record) as RollupTotals;
    const t1 = performance.now();
    // Each round another outcome of the same history: the app keeps a forecast by its inputs, and this
    // figure is the simulation, not the look-up. The first is the outcome the tickets were forecast for.
    const f = outcomeDeliveryForecast(
      round === 0 ? OUTCOME : { ...OUTCOME, id: `cold-${round}` },
      read,
      TODAY,
    );
    compute.push(performance.now() - t1);
    parse.push(t1 - t0);
    if (round === 0) forecast = f;
  }
  return {
    days: Object.keys(totals.history.doneByDay).length + Object.keys(totals.history.addedByDay).length,
    bytes: record.length,
    parseMs: median(parse),
    computeMs: median(compute),
    forecast,
    page: projectPage(totals),
  };
}

/** Outcomes on one project page: the case issue 16 found costing about 1.6 s of forecasts a load. */
const PAGE_OUTCOMES = 50;

/**
 * The delivery forecasts of a project page of 50 such outcomes, as its loads work them out: the first
 * load of the day, the same page loaded again, and again after one outcome's ticket reached Done (that
 * outcome's history changed, so only its forecast is worked out again).
 */
function projectPage(totals: RollupTotals) {
  const outcomes = Array.from({ length: PAGE_OUTCOMES }, (_, i) => ({ ...OUTCOME, id: `page-${i}` }));
  const load = (history: (i: number) => RollupTotals) => {
    const t0 = performance.now();
    for (const [i, o] of outcomes.entries()) outcomeDeliveryForecast(o, history(i), TODAY);
    return performance.now() - t0;
  };
  const first = load(() => totals);
  const again = load(() => totals);
  const changed: RollupTotals = {
    ...totals,
    units: { ...totals.units, new: totals.units.new - 1, done: totals.units.done + 1 },
    history: {
      ...totals.history,
      doneByDay: { ...totals.history.doneByDay, [TODAY]: (totals.history.doneByDay[TODAY] ?? 0) + 1 },
    },
  };
  const afterChange = load((i) => (i === 0 ? changed : totals));
  return { outcomes: PAGE_OUTCOMES, first, again, afterChange };
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function measureForecast(tickets = 10_000) {
  const site = buildSite(tickets);
  const bodies = await historyPages(site);
  const series = kpiSeries();
  const parse: number[] = [];
  // CPU time too: on a shared machine wall time also counts the time other processes held the cores.
  const parseCpu: number[] = [];
  const computeCpu: number[] = [];
  const parts = {
    history: [] as number[],
    delivery: [] as number[],
    kpi: [] as number[],
    releases: [] as number[],
    total: [] as number[],
  };
  let last: ReturnType<typeof forecastAll> | null = null;
  for (let round = 0; round < 7; round++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const issues = bodies.flatMap((b) => (JSON.parse(b) as { issues: JiraIssue[] }).issues);
    parse.push(performance.now() - t0);
    parseCpu.push(cpuMs(process.cpuUsage(c0)));
    const c1 = process.cpuUsage();
    last = forecastAll(issues, series);
    computeCpu.push(cpuMs(process.cpuUsage(c1)));
    for (const k of Object.keys(parts) as (keyof typeof parts)[]) parts[k].push(last.ms[k]);
  }
  if (last?.delivery.kind !== 'forecast' || last.kpi.kind !== 'forecast') {
    throw new Error(
      `The forecasts gave no numbers: the benchmark measured nothing (${last?.delivery.kind}, ${last?.kpi.kind}: ${last?.delivery.explanation.summary}).`,
    );
  }
  const stored = fromStoredRollup(bodies.flatMap((b) => (JSON.parse(b) as { issues: JiraIssue[] }).issues));
  const same = stored.forecast?.kind === 'forecast' ? stored.forecast : null;
  if (same?.likely !== last.delivery.likely || same?.safe !== last.delivery.safe) {
    throw new Error('The forecast from the stored rollup differs from the one from the tickets.');
  }
  const ms = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, median(v)])) as Record<
    keyof typeof parts,
    number
  >;
  return {
    load: loadavg()[0] ?? 0,
    tickets: bodies.reduce((n, b) => n + (JSON.parse(b) as { issues: unknown[] }).issues.length, 0),
    bytes: bodies.reduce((s, b) => s + b.length, 0),
    pages: bodies.length,
    parseMs: median(parse),
    cpu: { parseMs: median(parseCpu), computeMs: median(computeCpu) },
    ms,
    stored,
    delivery: last.delivery,
    kpi: last.kpi,
    impacts: last.impacts,
    verdicts: last.verdicts,
  };
}

export function forecastReport(r: Awaited<ReturnType<typeof measureForecast>>): string {
  const d = r.delivery;
  const k = r.kpi;
  if (d.kind !== 'forecast' || k.kind !== 'forecast') throw new Error('no forecast');
  const moved = r.impacts.filter((i) => i.verdict === 'moved').length;
  const unclear = r.impacts.filter((i) => i.verdict === 'no-clear-change').length;
  const sparse = r.impacts.filter((i) => i.verdict === 'not-enough-data').length;
  return [
    `\nForecasts for one outcome of ${r.tickets.toLocaleString('en')} tickets with a year of history (issue 16)`,
    `  5. forecast compute ${r.ms.total.toFixed(1)} ms (tickets to weekly history ${r.ms.history.toFixed(1)} ms; ${d.trials.toLocaleString('en')} simulated futures over ${d.weeks.done.length} weeks ${r.ms.delivery.toFixed(1)} ms; KPI trend over ${k.points} values ${r.ms.kpi.toFixed(1)} ms; ${r.impacts.length} releases before and after ${r.ms.releases.toFixed(1)} ms) / JSON.parse ${r.parseMs.toFixed(1)} ms of ${(r.bytes / MB).toFixed(1)} MB of that history in ${r.pages} pages = ${(r.ms.total / r.parseMs).toFixed(3)}; in CPU time ${r.cpu.computeMs.toFixed(1)} ms / ${r.cpu.parseMs.toFixed(1)} ms = ${(r.cpu.computeMs / r.cpu.parseMs).toFixed(3)} (medians of 7 rounds, each part's own; load average ${r.load.toFixed(1)} on ${cpus().length} cores)`,
    `     page load (what the app does): the stored rollup's history, ${r.stored.days} day buckets in ${(r.stored.bytes / 1024).toFixed(1)} KB, JSON.parse ${r.stored.parseMs.toFixed(2)} ms + delivery forecast ${r.stored.computeMs.toFixed(1)} ms, no ticket read; the same dates as from the tickets`,
    `     a project page of ${r.stored.page.outcomes} such outcomes, delivery forecasts: first load of the day ${r.stored.page.first.toFixed(0)} ms; the page again ${r.stored.page.again.toFixed(1)} ms; again after one outcome's ticket reached Done ${r.stored.page.afterChange.toFixed(1)} ms`,
    `     delivery: ${d.remaining.toLocaleString('en')} tickets left, likely done ${d.likely ? formatIsoDay(d.likely) : 'not within the horizon'}, 85% by ${d.safe ? formatIsoDay(d.safe) : 'not within the horizon'}, ${Math.round((d.chanceByDue ?? 0) * 100)}% by ${formatIsoDay(DUE)}; KPI on ${formatIsoDay(DUE)}: ${k.onDueDate.expected.toFixed(2)} (${k.onDueDate.low.toFixed(2)} to ${k.onDueDate.high.toFixed(2)}); releases: ${moved} moved, ${unclear} no clear change, ${sparse} not enough data`,
  ].join('\n');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  measureForecast()
    .then((r) => console.log(forecastReport(r)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
