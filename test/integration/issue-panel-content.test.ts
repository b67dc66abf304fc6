import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import type { IssuePanelContract, PanelLink } from '../../src/contract/issue-panel';
import type { InputOf } from '../../src/contract/surface';
import { LinksPropertySchema } from '../../src/domain/links';
import { buildKpi, buildTechnicalKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { issuesServing, linksPropertyOf } from '../support/jira-state';
import { as, FIXED_NOW, failure, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

// What the side panel says about each outcome a ticket serves, checked against numbers worked out
// here by hand (not by the app's own functions), and a ticket adding its own details to an outcome
// it inherits or gets from a mapping rule. Real resolvers and Forge SDKs on the sandbox.

const TITLE = 'Keep checkout available for returning customers';
const STATEMENT = 'Every minute checkout is down, returning customers leave for a competitor.';

/** The stored property, read straight from the emulated Jira and parsed by its schema. */
const stored = (sandbox: Sandbox, key: string) =>
  LinksPropertySchema.parse(linksPropertyOf(sandbox.jira.state, key));

/**
 * The resolvers read the real clock, so the outcome's timeframe is laid around today: 45 of its 152
 * days gone, whatever day the test runs.
 */
const DAY = 24 * 60 * 60 * 1000;
// The sandbox runs at FIXED_NOW, so "today" is that day, not the machine's.
const todayStart = Date.parse(FIXED_NOW.toISOString().slice(0, 10));
const dayFromToday = (days: number) => new Date(todayStart + days * DAY).toISOString().slice(0, 10);
const START = dayFromToday(-45);
const DUE = dayFromToday(107);

type LinkInput = InputOf<IssuePanelContract, 'links/add'>;

const only = (links: PanelLink[], outcomeId: string) => {
  const matching = links.filter((l) => l.outcomeId === outcomeId);
  expect(matching).toHaveLength(1);
  return matching[0] as PanelLink;
};

describe('issue panel content', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  const kpi = { availability: '', band: '', abandonment: '' };
  const keys = { epic: '', story: '' };

  // Each test starts from its own site: the outcome with its KPIs, and an epic with a story, unlinked.
  beforeEach(async () => {
    sandbox = await testSandbox();
    const admin = as(sandbox, USERS.alice).admin;
    outcomeId = ok(
      await admin('outcomes/create', {
        draft: buildDraft({
          title: TITLE,
          statement: STATEMENT,
          startDate: START,
          dueDate: DUE,
          roles: { decides: [USERS.priya, USERS.lena], advises: [USERS.maya], escalatedTo: [USERS.alice] },
        }),
      }),
    ).id;
    const create = async (draft: Parameters<typeof buildKpi>[1]) => {
      const detail = ok(
        await admin('kpis/create', { draft: buildKpi(outcomeId, { dueDate: DUE, ...draft }) }),
      );
      return detail.kpis.find((k) => k.name === draft?.name)?.id as string;
    };
    kpi.availability = ok(
      await admin('kpis/create', {
        draft: buildTechnicalKpi(outcomeId, { baseline: 99.5, target: 99.8, dueDate: DUE }),
      }),
    ).kpis.find((k) => k.unit === 'availability-percent')?.id as string;
    kpi.band = await create({
      name: 'Share of orders from returning customers',
      direction: 'maintain',
      baseline: 42,
      target: null,
      bandMin: 40,
      bandMax: 45,
    });
    // A KPI of the outcome the tickets below do not name: it counts for health, not on their cards.
    kpi.abandonment = await create({ name: 'Checkout abandonment rate' });
    ok(await admin('kpis/check-in', { kpiId: kpi.availability, value: 99.7, confidence: 'high' }));
    ok(await admin('kpis/check-in', { kpiId: kpi.band, value: 43, confidence: 'medium' }));

    keys.epic = sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Epic', summary: 'Resilient checkout' },
      USERS.evan,
    ).key;
    keys.story = sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Story', summary: 'Retry card authorisation', parentKey: keys.epic },
      USERS.evan,
    ).key;
    await sandbox.settle();
    // The story starts from tickets that exist: Jira's search has them (it lags behind writes by seconds).
    await searchCaughtUp(sandbox);
  });

  /** An editor links a ticket to the outcome from its panel, with the KPIs it moves, a note and RICE. */
  const link = async (issueKey: string, details: Omit<LinkInput, 'issueKey' | 'outcomeId'>) =>
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey, outcomeId, ...details }));
  const EPIC_RICE = { reach: 500, impact: 0.5 as const, confidence: 70, effort: 4 };
  /** The epic, naming the availability KPI: the story inherits the outcome from it. */
  const linkEpic = () =>
    link(keys.epic, {
      kpiIds: [kpi.availability],
      note: 'Fewer outages mean fewer lost orders',
      rice: EPIC_RICE,
    });
  const STORY_RICE = { reach: 1200, impact: 2 as const, confidence: 50, effort: 3 };
  /** The story's own link to the outcome it inherits, with the band KPI. */
  const linkStory = () =>
    link(keys.story, {
      kpiIds: [kpi.band],
      note: 'Retries keep returning customers ordering',
      rice: STORY_RICE,
    });

  it('stores the RICE inputs of a link and returns the score, reach × impact × confidence ÷ effort', async () => {
    const rice = EPIC_RICE;
    const view = await linkEpic();
    // 500 people × 0.5 × 70% ÷ 4 person-months = 43.75
    expect(only(view.links, outcomeId)).toMatchObject({ source: 'own', rice, riceScore: 43.75 });
    expect(stored(sandbox, keys.epic).own).toEqual([
      expect.objectContaining({ outcomeId, kpiIds: [kpi.availability], rice, linkedBy: USERS.evan }),
    ]);
    await sandbox.settle();
    const reloaded = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: keys.epic }));
    expect(only(reloaded.links, outcomeId)).toMatchObject({
      rice,
      riceScore: 43.75,
      note: 'Fewer outages mean fewer lost orders',
    });
  });

  it('tells a reader the outcome in business words: title, statement, owners and who decides', async () => {
    await linkEpic();
    await sandbox.settle();
    const view = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: keys.story }));
    const link = only(view.links, outcomeId);
    expect(link).toMatchObject({ source: 'inherited', inheritedFrom: keys.epic, alsoFrom: null });
    expect(link.outcome).toMatchObject({
      title: TITLE,
      statement: STATEMENT,
      businessOwner: { accountId: USERS.priya, displayName: 'Priya Project-Admin' },
      technologyOwner: { accountId: USERS.maya, displayName: 'Maya Chen' },
    });
    expect(link.outcome?.decides.map((u) => u.displayName)).toEqual(['Priya Project-Admin', 'Lena Fischer']);
    expect(link.outcome?.kpis.map((k) => k.id).sort()).toEqual(Object.values(kpi).sort());
  });

  it('shows the KPI the ticket should move, current → target, and what both mean for the business', async () => {
    await linkEpic();
    await sandbox.settle();
    const view = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: keys.story }));
    const [availability, ...others] = only(view.links, outcomeId).kpis;
    expect(others).toEqual([]);
    expect(availability).toMatchObject({
      id: kpi.availability,
      kind: 'technical',
      current: 99.7,
      target: 99.8,
      band: null,
      targetWords: 'target 99.8% availability',
      currentConfidence: 'high',
    });
    // (99.7 − 99.5) ÷ (99.8 − 99.5) = 2/3 of the way.
    expect(availability?.progressRatio).toBeCloseTo(2 / 3, 9);
    expect(availability?.progressWords).toContain('67% of the way there');

    // By hand: 99.8% leaves 0.2% of a 30-day month (43,200 minutes) = 86.4 minutes, an hour or more, so
    // said in hours: 1.44, shown 1.4; of 525,600 minutes a year = 1,051.2 minutes = 17.52 hours. 99.7%
    // leaves 0.3% = 129.6 minutes = 2.16 hours a month, and 1,576.8 minutes = 26.28 hours a year: a day or
    // more, so 1.095 days, shown 1.1.
    const month = 30 * 24 * 60;
    expect(month * 0.002).toBeCloseTo(86.4, 9);
    expect(availability?.translation.target?.sentence).toBe(
      '99.8% availability allows 1.4 hours of downtime a month (about 17.5 hours a year).',
    );
    expect(availability?.translation.target?.arithmetic).toContain('= 86.4 minutes ÷ 60 = 1.44 hours');
    expect(month * 0.003).toBeCloseTo(129.6, 9);
    expect(availability?.translation.current?.sentence).toBe(
      '99.7% availability allows 2.2 hours of downtime a month (about 1.1 days a year).',
    );
  });

  it('shows the outcome’s delivery and health, from the work serving it and its KPIs against the calendar', async () => {
    await linkEpic();
    await sandbox.settle();
    const view = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: keys.story }));
    const pulse = only(view.links, outcomeId).outcome?.pulse;
    // Counted work: the story (epics count through their children), not done yet.
    const serving = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true });
    expect(serving.issues.map((i) => i.key)).toEqual([keys.story]);
    expect(pulse).toMatchObject({
      linkedTickets: 1,
      doneTickets: 0,
      method: 'count',
      deliveryDone: 0,
      deliveryTotal: 1,
      deliveryRatio: 0,
      outputWithoutOutcome: false,
    });
    // 152 days from start to due, 45 of them gone.
    expect(pulse?.timeElapsed).toBeCloseTo(45 / 152, 9);
    // 45/152 is 29.6%, shown 30%. Delivery 0% done: 30 points behind, off track (beyond 25). KPIs:
    // availability 2/3 of the way, the band KPI inside its band (1), abandonment has no value yet → 5/6,
    // shown 83%: ahead, on track. Health is the worse of the two: off track.
    expect(pulse?.healthSignals.map((s) => [s.name, s.status])).toEqual([
      ['delivery', 'off-track'],
      ['kpi', 'on-track'],
    ]);
    expect(pulse?.health).toBe('off-track');
    expect(pulse?.explanation).toContain('Delivery 0% done, 30 points behind the calendar: off track.');
    expect(pulse?.explanation).toContain('KPIs 83% of the way, 53 points ahead of the calendar: on track.');
    expect(pulse?.explanation).toContain('Health is the worse of delivery and KPIs: off track.');
  });

  it('lets an editor add the ticket’s own KPIs, note and RICE to an inherited outcome, served once', async () => {
    await linkEpic();
    await sandbox.settle();
    const rice = STORY_RICE;
    const view = await linkStory();
    expect(view.links.map((l) => l.outcomeId)).toEqual([outcomeId]);
    const link = only(view.links, outcomeId);
    // 1200 × 2 × 50% ÷ 3 = 400
    expect(link).toMatchObject({
      source: 'own',
      inheritedFrom: null,
      alsoFrom: { source: 'inherited', inheritedFrom: keys.epic },
      note: 'Retries keep returning customers ordering',
      rice,
      riceScore: 400,
    });
    // The band is said whole, not as its lower end alone.
    expect(link.kpis).toEqual([
      expect.objectContaining({
        id: kpi.band,
        current: 43,
        band: { min: 40, max: 45 },
        targetWords: 'keep between 40% and 45%',
        progressRatio: 1,
      }),
    ]);
    const property = stored(sandbox, keys.story);
    expect(property.own.map((l) => l.outcomeId)).toEqual([outcomeId]);
    expect(property.inherited).toEqual([{ outcomeId, fromIssueKey: keys.epic, kpiIds: [kpi.availability] }]);
    expect(property).toMatchObject({
      effectiveOutcomeIds: [outcomeId],
      ownOutcomeIds: [outcomeId],
      kpiIds: [kpi.band],
      linkCount: 1,
    });
    await sandbox.settle();
    // The rollup counts the story once, as before.
    const after = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: keys.story }));
    expect(only(after.links, outcomeId).outcome?.pulse).toMatchObject({ linkedTickets: 1, deliveryTotal: 1 });
    // Once its own, its details are edited like any own link.
    ok(
      await as(sandbox, USERS.evan).panel('links/update', {
        issueKey: keys.story,
        outcomeId,
        kpiIds: [kpi.band, kpi.availability],
        note: 'Retries keep returning customers ordering',
        rice: null,
      }),
    );
    expect(stored(sandbox, keys.story).own[0]).toMatchObject({
      kpiIds: [kpi.band, kpi.availability],
      rice: null,
    });
  });

  it('refuses the same to a reader who cannot edit the ticket', async () => {
    await linkEpic();
    await sandbox.settle();
    const other = sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Story', summary: 'Another story', parentKey: keys.epic },
      USERS.evan,
    ).key;
    await sandbox.settle();
    const denied = failure(
      await as(sandbox, USERS.rita).panel('links/add', { issueKey: other, outcomeId, note: 'mine' }),
    );
    expect(denied.code).toBe('FORBIDDEN');
    expect(stored(sandbox, other).own).toEqual([]);
    const view = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: other }));
    expect(view.canEdit).toBe(false);
  });

  it('keeps serving through the own link when the parent stops', async () => {
    await linkEpic();
    await sandbox.settle();
    await linkStory();
    await sandbox.settle();
    ok(await as(sandbox, USERS.evan).panel('links/remove', { issueKey: keys.epic, outcomeId }));
    await sandbox.settle();
    const property = stored(sandbox, keys.story);
    expect(property.inherited).toEqual([]);
    expect(property.effectiveOutcomeIds).toEqual([outcomeId]);
    const view = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: keys.story }));
    expect(only(view.links, outcomeId)).toMatchObject({ source: 'own', alsoFrom: null });
  });

  it('lets an editor add own details to an outcome a mapping rule linked, keeping the rule’s link', async () => {
    const admin = as(sandbox, USERS.alice).admin;
    const mappedOutcome = ok(
      await admin('outcomes/create', { draft: buildDraft({ title: 'Fewer checkout defects' }) }),
    ).id;
    const rule = ok(
      await admin('rules/create', {
        draft: { outcomeId: mappedOutcome, jql: 'issuetype = Bug AND project = CHK' },
      }),
    );
    const bug = sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Bug', summary: 'Card form loses input' },
      USERS.evan,
    ).key;
    await sandbox.settle();
    const before = ok(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: bug }));
    expect(only(before.links, mappedOutcome)).toMatchObject({ source: 'mapped', note: '', rice: null });

    const view = ok(
      await as(sandbox, USERS.evan).panel('links/add', {
        issueKey: bug,
        outcomeId: mappedOutcome,
        note: 'Lost input is a lost order',
        rice: { reach: 300, impact: 1, confidence: 100, effort: 0.5 },
      }),
    );
    // 300 × 1 × 100% ÷ 0.5 = 600
    expect(only(view.links, mappedOutcome)).toMatchObject({
      source: 'own',
      alsoFrom: { source: 'mapped', inheritedFrom: null },
      riceScore: 600,
    });
    const property = stored(sandbox, bug);
    expect(property.mapped).toEqual([expect.objectContaining({ outcomeId: mappedOutcome, ruleId: rule.id })]);
    expect(property.effectiveOutcomeIds).toEqual([mappedOutcome]);
    expect(property).toMatchObject({ mappedRuleIds: [rule.id], linkCount: 1 });
  });
});
