import type { ProjectOutcomeRow } from '../../contract/project-page';
import { leavesOutProjects } from '../../domain/app-reach';
import { isoDay } from '../../domain/clock';
import { formatIsoDay } from '../../domain/dates';
import { mayDecide } from '../../domain/decision';
import type { DoneItem } from '../../domain/forecast/release-impact';
import type { HealthSignal } from '../../domain/health';
import { jqlString, servesOutcome } from '../../domain/jql';
import { confinedJql } from '../../domain/jql-syntax';
import { progressInWords } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { outcomeDeliveryForecast } from '../../domain/outcome-figures';
import { percentText } from '../../domain/percent';
import { projectsInWords } from '../../domain/project-words';
import { COUNTS_CHECKED, recountFound } from '../../domain/recount-words';
import { countingRuleInWords, emptyTotals } from '../../domain/rollup';
import { releaseWindowOf } from '../../domain/settings';
import { wordList } from '../../domain/units';
import { storyPointsFieldId } from '../../platform/jira/fields';
import { countTickets, searchPage } from '../../platform/jira/issues';
import { getUsers } from '../../platform/jira/users';
import { listDecisions } from '../../platform/storage/decision-repository';
import { listCheckIns, listKpisOfOutcome } from '../../platform/storage/kpi-repository';
import { getRollup, snapshotsOf } from '../../platform/storage/rollup-repository';
import { getSettings } from '../../platform/storage/settings-repository';
import { publishedKpiSeries } from '../../use-cases/kpi-series';
import { type AdminAccess, adminAccess, canManageAll, checkInPlace, outsideAppReach } from '../shared/access';
import { peopleOfCheckIns, toCheckInView } from '../shared/check-ins';
import { firstShownRelease, outcomeForecasts } from '../shared/forecast-views';
import { lookUpPeople } from '../shared/views';
import { projectOperation } from './operation';
import { toProjectRow } from './outcome-row';
import { projectOutcome } from './project-access';
import { decisionViews } from './record-decision';
import { countedTickets, ticketFields, toTicketRow } from './ticket-rows';

const pct = (share: number | null) => percentText(share) ?? 'n/a';
const UNIT = { count: 'tickets', points: 'story points', weights: 'weighted units' } as const;

/**
 * Where an outcome's ticket lists look, for one viewer: its projects (a link on a ticket anywhere else was
 * written past the app and counts nowhere), and of those the ones the viewer may browse, which the JQL the
 * viewer is shown names (a Jira search as the viewer finds nothing in the others anyway).
 */
interface ListScope {
  all: readonly string[];
  visible: readonly string[];
}

/** `all` holds the projects the app can see: its counts name no other (Jira would refuse the query). */
const scopeOf = (outcome: Outcome, access: AdminAccess): ListScope => ({
  all: outcome.projectKeys.filter((key) => access.appSees.has(key)),
  visible: outcome.projectKeys.filter((key) => access.browsable.has(key)),
});

/**
 * A list's two counts (as the caller, and as the app in all the outcome's projects): tickets counted one by
 * one while Jira estimates at most a thousand, so they agree when the caller sees everything; beyond that,
 * Jira's estimates, and the list says "about".
 */
async function listCounts(shown: string, all: string) {
  const [visible, total] = await Promise.all([countTickets('user', shown), countTickets('app', all)]);
  return { visible: visible.value, total: total.value, estimated: visible.estimated || total.estimated };
}

/** The JQL a viewer is shown for tickets of the outcome: in the projects they may browse (never naming others). */
const viewerJql = (jql: string, scope: ListScope) => confinedJql(jql, scope.visible);

/**
 * The first tickets behind a figure as the caller may see them, how many that is (`count`), how many
 * there are in all (`total`, counted as the app: the aggregate the figure stands for), and the JQL to see
 * them in Jira. The difference is what the caller cannot see, and the page says so.
 */
async function sample(jql: string, pointsField: string | null, scope: ListScope) {
  const shown = viewerJql(jql, scope);
  const [counts, page] = await Promise.all([
    listCounts(shown, confinedJql(jql, scope.all)),
    searchPage(
      'user',
      `${shown} ORDER BY key ASC`,
      { fields: ticketFields(pointsField), pageSize: 10 },
      null,
    ),
  ]);
  return {
    jql: shown,
    count: counts.visible,
    total: counts.total,
    estimated: counts.estimated,
    tickets: page.issues.map((i) => toTicketRow(i, pointsField)),
  };
}

/**
 * The outcome's work that reached Done since `since`, as the viewer may see it, newest first: what gives
 * the trend's releases their keys and summaries (the stored rollup counts them by day, without keys).
 */
async function doneWork(outcome: Outcome, scope: ListScope, since: string | null): Promise<DoneItem[]> {
  if (since === null || scope.visible.length === 0) return [];
  const jql = viewerJql(
    `${servesOutcome(outcome.id)} AND statusCategory = Done AND resolved >= ${jqlString(since)}`,
    scope,
  );
  const page = await searchPage(
    'user',
    `${jql} ORDER BY resolved DESC`,
    { fields: ['summary', 'issuetype', 'resolutiondate'], pageSize: DONE_WORK_PAGE },
    null,
  );
  return page.issues.map((i) => ({
    key: i.key,
    summary: i.fields.summary ?? '',
    level: i.fields.issuetype?.hierarchyLevel ?? 0,
    doneOn: i.fields.resolutiondate ?? null,
  }));
}
/** One page of done work names the releases; older ones beyond it are counted, not named. */
const DONE_WORK_PAGE = 100;

/** One health signal's line: its class and the sentence it was judged by, or why it was not judged. */
const signalLine = (figure: string, s: HealthSignal | undefined, notJudged: string, more = '') => ({
  figure,
  value: s?.status ?? 'n/a',
  how: s ? `${s.reason}${more}` : `Not judged: ${notJudged}.`,
});

/** Each figure of a row with how it was worked out: the "why this number?" the page shows. */
function breakdown(outcome: Outcome, row: ProjectOutcomeRow, kpiLines: string[], now: Date) {
  const f = row.figures;
  const unit = UNIT[f.method];
  const exclusions = [
    f.excluded.epics > 0 ? `${f.excluded.epics} epic(s) count through their stories` : null,
    f.excluded.subtasks > 0 ? `${f.excluded.subtasks} subtask(s) count through their parents` : null,
    f.unestimated > 0 ? `${f.unestimated} ticket(s) without an estimate add no points (listed below)` : null,
    row.outsideAppReach.length > 0
      ? `the tickets of ${wordList(row.outsideAppReach)}, which Outcome Bridge cannot see, are not counted`
      : null,
  ].filter((x) => x !== null);
  const reach = leavesOutProjects(row.outsideAppReach);
  const signal = (name: string) => f.healthSignals.find((s) => s.name === name);
  return [
    {
      figure: 'Delivery',
      value: pct(f.deliveryRatio),
      how: `${f.deliveryDone} of ${f.deliveryTotal} ${unit} done, counting by ${unit}. ${countingRuleInWords(f.countSubtasks)} ${exclusions.length > 0 ? `${exclusions.join('; ')}.` : 'Nothing was left out.'}`,
    },
    {
      figure: 'Tickets',
      value: String(f.tickets.total),
      how: `${f.tickets.todo} to do, ${f.tickets.inProgress} in progress, ${f.tickets.done} done: the counted tickets, in all the outcome's projects (${projectsInWords(row.projectKeys, row.hiddenProjects)}), linked directly, by a rule or inherited from a parent.${reach ? ` ${reach}` : ''}`,
    },
    {
      figure: 'KPI progress',
      value: pct(f.kpiProgress),
      how:
        kpiLines.length > 0
          ? `The average of its published KPIs with a value (drafts left out; a KPI kept within a band is 100% inside it and 0% outside): ${kpiLines.join(' ')}`
          : 'No published KPI has a value yet.',
    },
    {
      figure: 'Time elapsed',
      value: pct(f.timeElapsed),
      how:
        outcome.startDate && outcome.dueDate
          ? `Share of ${formatIsoDay(outcome.startDate)} to ${formatIsoDay(outcome.dueDate)} gone by ${formatIsoDay(isoDay(now))}.`
          : 'The outcome has no start or due date.',
    },
    signalLine(
      'Delivery against time',
      signal('delivery'),
      'no work is counted yet, or the outcome has not started or has no timeframe',
    ),
    signalLine(
      'KPIs against time',
      signal('kpi'),
      'no published KPI has a value yet, or the outcome has not started or has no timeframe',
    ),
    signalLine(
      'Delivery forecast',
      signal('forecast'),
      'all the work is done, there is too little history or no due date, or the outcome has not started',
    ),
    signalLine(
      'KPI forecast',
      signal('kpi-forecast'),
      'no published KPI has values on enough days for a trend and a target or band to compare with, or its due date has passed, or the outcome has not started',
      " Each published KPI's trend is carried to its due date; health takes the one that misses by most.",
    ),
    { figure: 'Health', value: f.health, how: f.explanation },
    {
      figure: 'Overdue',
      value: String(f.overdue),
      how: `Counted tickets not done whose due date has passed (listed below). They count against delivery health: ${f.overdue} of ${f.tickets.total} counted tickets, judged against the same thresholds as the calendar.`,
    },
    {
      figure: 'Added after start',
      value: String(f.addedAfterStart),
      how: outcome.startDate
        ? `Counted tickets created on or after ${formatIsoDay(outcome.startDate)}, the day the outcome started: part of the ${f.tickets.total} counted, never more.`
        : 'No start date.',
    },
    {
      figure: COUNTS_CHECKED.term,
      value: row.reconciledAt ?? 'not yet',
      how: row.lastDrift ? `${COUNTS_CHECKED.help} ${recountFound(row.lastDrift)}` : COUNTS_CHECKED.help,
    },
  ];
}

export const outcomeDetailOp = projectOperation('project/outcome', {
  authorize: ({ projectKey, outcomeId }, caller) => projectOutcome(caller, projectKey, outcomeId),
  run: async ({ projectKey }, caller, grants) => {
    const { outcome } = grants;
    const [rollup, kpis, settings, users, pointsField, trend, access] = await Promise.all([
      getRollup(outcome.id),
      listKpisOfOutcome(outcome.id),
      getSettings(),
      lookUpPeople([outcome]),
      storyPointsFieldId(),
      snapshotsOf(outcome.id),
      adminAccess(caller),
    ]);
    const scope = scopeOf(outcome, access);
    // Each published KPI's values, which its trend, its forecast in health and the release impacts are fitted to.
    const [outsideReach, kpiSeries] = await Promise.all([
      outsideAppReach(outcome.projectKeys, access.appSees),
      publishedKpiSeries(kpis, isoDay(caller.now)),
    ]);
    const row = toProjectRow(
      outcome,
      rollup,
      kpis,
      settings.settings,
      users,
      caller.now,
      access.browsable,
      outsideReach,
      checkInPlace(grants, projectKey, outcome),
      kpiSeries,
    );
    const counted = countedTickets(outcome.id, outcome.rollup);
    const pointsClause = pointsField ? `cf[${pointsField.replace('customfield_', '')}] IS EMPTY` : null;
    const [overdue, unestimated, addedAfterStart] = await Promise.all([
      sample(`${counted} AND duedate < startOfDay() AND statusCategory != Done`, pointsField, scope),
      outcome.rollup.method === 'points' && pointsClause
        ? sample(`${counted} AND ${pointsClause}`, pointsField, scope)
        : Promise.resolve(null),
      outcome.startDate
        ? // The counted tickets created on the start day or later: the set the figure counts.
          sample(`${counted} AND created >= ${jqlString(outcome.startDate)}`, pointsField, scope)
        : Promise.resolve(null),
    ]);
    const [histories, done, decisions] = await Promise.all([
      Promise.all(kpis.map((k) => listCheckIns(k.id, undefined, 10))),
      doneWork(outcome, scope, firstShownRelease(rollup?.totals ?? emptyTotals())),
      listDecisions(outcome.id),
    ]);
    const forecasts = outcomeForecasts({
      outcome,
      totals: rollup?.totals ?? emptyTotals(),
      delivery: outcomeDeliveryForecast(outcome, rollup?.totals ?? emptyTotals(), isoDay(caller.now)),
      kpis: kpiSeries,
      doneWork: done,
      windowDays: releaseWindowOf(settings.settings),
      now: caller.now,
    });
    const authors = await getUsers([
      ...histories.flatMap((h) => peopleOfCheckIns(h.checkIns)),
      ...decisions.map((d) => d.byId),
    ]);
    const viewer = { accountId: caller.accountId, managesOutcome: canManageAll(access, outcome.projectKeys) };
    return {
      row,
      breakdown: breakdown(
        outcome,
        row,
        kpis.filter((k) => !k.isDraft).map((k) => `${k.name}: ${progressInWords(k, formatIsoDay)}`),
        caller.now,
      ),
      lists: { overdue, unestimated, addedAfterStart },
      trend: trend.map((s) => ({ day: s.day, delivery: s.delivery, kpi: s.kpi, elapsed: s.elapsed })),
      forecasts,
      kpis: kpis.map((k, i) => ({
        id: k.id,
        name: k.name,
        kind: k.kind,
        unit: k.unit,
        customUnit: k.customUnit,
        history: (histories[i]?.checkIns ?? []).map((c) => toCheckInView(c, authors, viewer)),
      })),
      decisions: decisionViews(decisions, authors),
      canDecide: mayDecide(outcome, caller.accountId),
    };
  },
});

export const ticketsOp = projectOperation('project/tickets', {
  authorize: ({ projectKey, outcomeId }, caller) => projectOutcome(caller, projectKey, outcomeId),
  run: async ({ pageToken, pageSize }, caller, { outcome }) => {
    const [pointsField, access] = await Promise.all([storyPointsFieldId(), adminAccess(caller)]);
    const scope = scopeOf(outcome, access);
    const jql = viewerJql(servesOutcome(outcome.id), scope);
    const [page, counts] = await Promise.all([
      searchPage(
        'user',
        `${jql} ORDER BY key ASC`,
        { fields: ticketFields(pointsField), pageSize },
        pageToken,
      ),
      // With the first page: how many the caller can see of how many there are.
      pageToken === null
        ? listCounts(jql, confinedJql(servesOutcome(outcome.id), scope.all))
        : Promise.resolve(null),
    ]);
    return {
      tickets: page.issues.map((i) => toTicketRow(i, pointsField)),
      nextPageToken: page.nextPageToken,
      jql,
      counts,
    };
  },
});
