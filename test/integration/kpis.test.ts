import { beforeEach, describe, expect, it } from 'vitest';
import { setSandboxClock } from '../../sandbox/runtime/clock';
import type { Sandbox } from '../../sandbox/site';
import { leavesOutSecured } from '../../src/domain/app-reach';
import { buildKpi, buildTechnicalKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { as, FIXED_NOW, failure, ok, testSandbox, USERS } from '../support/sandbox';

describe('KPIs of an outcome', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  const admin = () => as(sandbox, USERS.alice).admin;

  // Each test starts from its own site with one outcome; what it needs of KPIs, it creates.
  beforeEach(async () => {
    sandbox = await testSandbox();
    outcomeId = ok(await admin()('outcomes/create', { draft: buildDraft() })).id;
  });

  /** The SMART business KPI of `buildKpi`: abandonment from 40% to 34%. */
  const createBusiness = async () =>
    ok(await admin()('kpis/create', { draft: buildKpi(outcomeId) })).kpis.find((k) => k.kind === 'business')
      ?.id ?? '';
  /** The business KPI and the technical KPI that moves it. */
  const createPair = async () => {
    const businessId = await createBusiness();
    const detail = ok(
      await admin()('kpis/create', { draft: buildTechnicalKpi(outcomeId, { pairedKpiId: businessId }) }),
    );
    return { businessId, technicalId: detail.kpis.find((k) => k.kind === 'technical')?.id ?? '' };
  };

  it('creates a SMART business KPI', async () => {
    const detail = ok(await admin()('kpis/create', { draft: buildKpi(outcomeId) }));
    const kpi = detail.kpis[0];
    expect(kpi).toMatchObject({
      name: 'Checkout abandonment rate',
      isDraft: false,
      smart: [],
      current: null,
      version: 1,
    });
    expect(kpi?.progress).toEqual({
      ratio: null,
      band: null,
      words: 'From 40% to 34% by 30 Sep 2026; no value checked in yet.',
    });
  });

  it('pairs a technical KPI with the business KPI it moves, and translates its values', async () => {
    const businessId = await createBusiness();
    const detail = ok(
      await admin()('kpis/create', { draft: buildTechnicalKpi(outcomeId, { pairedKpiId: businessId }) }),
    );
    const technical = detail.kpis.find((k) => k.kind === 'technical');
    const business = detail.kpis.find((k) => k.id === businessId);
    const technicalId = technical?.id ?? '';
    expect(technical?.pairedKpiId).toBe(businessId);
    expect(technical?.partners.map((p) => p.id)).toEqual([businessId]);
    // The business KPI names no one and is not rewritten: its partners are those that name it.
    expect(business?.pairedKpiId).toBeNull();
    expect(business?.partners.map((p) => p.id)).toEqual([technicalId]);
    expect(business?.version).toBe(1);
    // 0.1% × 43,200 = 43.2 minutes; 0.1% × 525,600 = 525.6 minutes = 8.76 hours.
    expect(technical?.translation.target?.sentence).toBe(
      '99.9% availability allows 43.2 minutes of downtime a month (about 8.8 hours a year).',
    );
    expect(business?.translation.target).toBeNull();
  });

  it('lets a second technical KPI move the same business KPI without unpairing the first', async () => {
    const { businessId, technicalId } = await createPair();
    const detail = ok(
      await admin()('kpis/create', {
        draft: buildTechnicalKpi(outcomeId, {
          name: 'Checkout p95 latency',
          unit: 'latency-ms',
          direction: 'decrease',
          baseline: 900,
          target: 600,
          pairedKpiId: businessId,
        }),
      }),
    );
    const latency = detail.kpis.find((k) => k.name === 'Checkout p95 latency');
    const business = detail.kpis.find((k) => k.id === businessId);
    expect(detail.kpis.find((k) => k.id === technicalId)?.pairedKpiId).toBe(businessId);
    expect(business?.partners.map((p) => p.name)).toEqual([
      'Checkout API availability',
      'Checkout p95 latency',
    ]);
    ok(await admin()('kpis/delete', { id: latency?.id ?? '', expectedVersion: latency?.version ?? 0 }));
  });

  it('refuses pairing within one kind, from the business side, or across outcomes', async () => {
    const { businessId, technicalId } = await createPair();
    const fromBusiness = failure(
      await admin()('kpis/create', {
        draft: buildKpi(outcomeId, { name: 'Conversion rate', pairedKpiId: technicalId }),
      }),
    );
    expect(fromBusiness).toMatchObject({
      code: 'VALIDATION_FAILED',
      fieldErrors: [{ path: 'draft.pairedKpiId', message: /pair each technical KPI with it instead/ }],
    });
    const technicalToTechnical = failure(
      await admin()('kpis/create', {
        draft: buildTechnicalKpi(outcomeId, { name: 'Error rate', pairedKpiId: technicalId }),
      }),
    );
    expect(technicalToTechnical.fieldErrors[0]?.message).toBe(
      'Pair a technical KPI with the business KPI it moves.',
    );
    const other = ok(await admin()('outcomes/create', { draft: buildDraft({ title: 'Another outcome' }) }));
    const crossOutcome = failure(
      await admin()('kpis/create', { draft: buildTechnicalKpi(other.id, { pairedKpiId: businessId }) }),
    );
    expect(crossOutcome.fieldErrors[0]?.message).toBe('Pair only KPIs of the same outcome.');
  });

  it('refuses values outside the unit’s range, in a check-in or in the definition', async () => {
    const { technicalId } = await createPair();
    const tooMuch = failure(
      await admin()('kpis/check-in', { kpiId: technicalId, value: 100.5, confidence: 'high', note: '' }),
    );
    expect(tooMuch).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Availability is a share from 0% to 100%; 100.5% availability is outside it.',
      fieldErrors: [{ path: 'value' }],
    });
    const target = failure(
      await admin()('kpis/create', {
        draft: buildKpi(outcomeId, { name: 'Abandonment', baseline: 40, target: -5 }),
      }),
    );
    expect(target.fieldErrors).toEqual([
      {
        path: 'draft.target',
        message: 'The target: a percentage is a share from 0% to 100%; -5% is outside it.',
      },
    ]);
    // Nothing was written: no check-in, no KPI.
    expect(ok(await admin()('kpis/history', { id: technicalId })).checkIns).toEqual([]);
    expect(ok(await admin()('outcomes/get', { id: outcomeId })).kpis.map((k) => k.name)).not.toContain(
      'Abandonment',
    );
  });

  it('saves a KPI that fails SMART only as a visible draft', async () => {
    const weak = buildKpi(outcomeId, {
      name: 'NPS',
      description: '',
      unit: null,
      target: 40,
      dueDate: '2027-03-01',
    });
    const refused = failure(await admin()('kpis/create', { draft: weak }));
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.message).toMatch(/not SMART yet/);
    expect(refused.fieldErrors.map((e) => e.message.split(':')[0])).toEqual([
      'Specific',
      'Measurable',
      'Achievable',
      'Time-bound',
    ]);
    const saved = ok(await admin()('kpis/create', { draft: weak, saveAsDraft: true }));
    const draft = saved.kpis.find((k) => k.name === 'NPS');
    expect(draft?.isDraft).toBe(true);
    expect(draft?.smart.map((f) => f.letter)).toEqual(['S', 'M', 'A', 'T']);
    expect(saved.outcome.draftKpiCount).toBe(1);
  });

  it('warns, but still saves, from the fourth published KPI on: drafts do not count', async () => {
    await createPair();
    const nps = buildKpi(outcomeId, { name: 'NPS', description: '', unit: null, target: 40 });
    ok(await admin()('kpis/create', { draft: nps, saveAsDraft: true }));
    const aov = (name: string) =>
      buildKpi(outcomeId, { name, unit: 'currency', direction: 'increase', baseline: 50, target: 55 });
    // Two published, one draft (NPS), and this one: three published.
    const three = ok(await admin()('kpis/create', { draft: aov('Average order value') }));
    expect(three.kpis).toHaveLength(4);
    // The outcome's other warning, for every CHK outcome Alice opens: CHK's Confidential work is hidden from
    // the app (app-reach.test.ts). The KPI guardrail comes after it.
    const secured = leavesOutSecured(['CHK']);
    expect(three.outcome).toMatchObject({ kpiCount: 4, draftKpiCount: 1, warnings: [secured] });
    const four = ok(await admin()('kpis/create', { draft: aov('Basket size') }));
    expect(four.outcome.warnings).toEqual([
      secured,
      'This outcome has 4 published KPIs. Two or three keep everyone focused; consider retiring the weakest one.',
    ]);
  });

  it('warns, once there is history, when the target needs a faster pace than the KPI has shown, and still counts it', async () => {
    // The site starts a month before today, as the demo does, and the clock moves forward from there.
    sandbox = await testSandbox({ now: new Date('2026-05-15T09:00:00.000Z') });
    outcomeId = ok(await admin()('outcomes/create', { draft: buildDraft() })).id;
    const kpiId = await createBusiness();
    const checkIn = async (value: number) =>
      ok(await admin()('kpis/check-in', { kpiId, value, confidence: 'medium', note: '' }));
    const warnings = async () =>
      ok(await admin()('outcomes/get', { id: outcomeId })).kpis.find((k) => k.id === kpiId);
    await checkIn(40);
    // One value is no history: nothing to compare with.
    expect((await warnings())?.warnings).toEqual([]);
    setSandboxClock(FIXED_NOW);
    // By hand: 40% on 15 May to 39.5% on 15 Jun is 0.5 points in 31 days, 0.113 a week; reaching 34% by
    // 30 Sep from 39.5% is 5.5 points in 107 days, 0.36 a week: faster than its history, so A warns.
    await checkIn(39.5);
    const slow = await warnings();
    expect(slow?.warnings).toEqual([
      {
        letter: 'A',
        field: 'target',
        message:
          'Achievable? Reaching 34% by 30 Sep 2026 needs about 0.36 percentage points a week; its own history moved about 0.113 percentage points a week (40% on 15 May 2026 to 39.5% on 15 Jun 2026). Consider a nearer target or a later due date.',
      },
    ]);
    // A warning, not a refusal: the KPI stays published and SMART.
    expect(slow).toMatchObject({ isDraft: false, smart: [] });
    // 40% to 36% in 31 days is 0.903 a week; 2 points left in 107 days needs 0.131: no warning.
    await checkIn(36);
    expect((await warnings())?.warnings).toEqual([]);
  });

  it('records check-ins as history, the latest being the current value', async () => {
    const businessId = await createBusiness();
    ok(
      await admin()('kpis/check-in', { kpiId: businessId, value: 39, confidence: 'low', note: 'First week' }),
    );
    const detail = ok(
      await as(sandbox, USERS.priya).settings('CHK')('kpis/check-in', {
        kpiId: businessId,
        value: 37,
        confidence: 'medium',
        note: 'After retries shipped',
      }),
    );
    const kpi = detail.kpis.find((k) => k.id === businessId);
    expect(kpi).toMatchObject({ current: 37, currentConfidence: 'medium' });
    // (37 − 40) / (34 − 40) = 0.5
    expect(kpi?.progress).toEqual({
      ratio: 0.5,
      band: null,
      words: 'From 40% to 34% by 30 Sep 2026; now 37%, 50% of the way there.',
    });
    const history = ok(await admin()('kpis/history', { id: businessId }));
    expect(
      history.checkIns.map((c) => [c.value, c.confidence, c.note, c.author?.displayName, c.source]),
    ).toEqual([
      [37, 'medium', 'After retries shipped', 'Priya Project-Admin', 'manual'],
      [39, 'low', 'First week', 'Alice Admin', 'manual'],
    ]);
  });

  it('keeps both of two simultaneous check-ins', async () => {
    const { technicalId } = await createPair();
    await Promise.all([
      admin()('kpis/check-in', { kpiId: technicalId, value: 99.6, confidence: 'high', note: 'a' }),
      as(sandbox, USERS.priya).settings('CHK')('kpis/check-in', {
        kpiId: technicalId,
        value: 99.7,
        confidence: 'high',
        note: 'b',
      }),
    ]);
    const history = ok(await admin()('kpis/history', { id: technicalId }));
    expect(history.checkIns.map((c) => c.note).sort()).toEqual(['a', 'b']);
    const detail = ok(await admin()('outcomes/get', { id: outcomeId }));
    expect([99.6, 99.7]).toContain(detail.kpis.find((k) => k.id === technicalId)?.current);
  });

  it('refuses a stale KPI edit, naming who changed it', async () => {
    const businessId = await createBusiness();
    const detail = ok(await admin()('outcomes/get', { id: outcomeId }));
    const kpi = detail.kpis.find((k) => k.id === businessId);
    const version = kpi?.version ?? 0;
    ok(
      await as(sandbox, USERS.priya).settings('CHK')('kpis/update', {
        id: businessId,
        expectedVersion: version,
        draft: buildKpi(outcomeId, { target: 33 }),
      }),
    );
    const stale = failure(
      await admin()('kpis/update', {
        id: businessId,
        expectedVersion: version,
        draft: buildKpi(outcomeId, { target: 35 }),
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/^Priya Project-Admin saved this KPI/);
    const after = ok(await admin()('outcomes/get', { id: outcomeId })).kpis.find((k) => k.id === businessId);
    expect(after?.target).toBe(33);
  });

  it('a new value is not an edit: an editor opened before a check-in still saves', async () => {
    const { businessId, technicalId } = await createPair();
    const opened = ok(await admin()('outcomes/get', { id: outcomeId })).kpis.find(
      (k) => k.id === technicalId,
    );
    ok(
      await as(sandbox, USERS.priya).settings('CHK')('kpis/check-in', {
        kpiId: technicalId,
        value: 99.8,
        confidence: 'high',
        note: 'c',
      }),
    );
    const saved = ok(
      await admin()('kpis/update', {
        id: technicalId,
        expectedVersion: opened?.version ?? 0,
        draft: buildTechnicalKpi(outcomeId, { target: 99.95, pairedKpiId: businessId }),
      }),
    ).kpis.find((k) => k.id === technicalId);
    expect(saved).toMatchObject({ target: 99.95, current: 99.8, version: (opened?.version ?? 0) + 1 });
  });

  it('deleting a business KPI unpairs the technical KPIs that moved it and removes its history', async () => {
    const { businessId, technicalId } = await createPair();
    ok(
      await admin()('kpis/check-in', { kpiId: businessId, value: 39, confidence: 'low', note: 'First week' }),
    );
    expect(JSON.stringify(sandbox.kvs.snapshot())).toContain(`${businessId}:`);
    const before = ok(await admin()('outcomes/get', { id: outcomeId })).kpis.find((k) => k.id === businessId);
    const detail = ok(
      await admin()('kpis/delete', { id: businessId, expectedVersion: before?.version ?? 0 }),
    );
    expect(detail.kpis.map((k) => k.id)).not.toContain(businessId);
    expect(detail.kpis.find((k) => k.id === technicalId)?.pairedKpiId).toBeNull();
    expect(failure(await admin()('kpis/history', { id: businessId })).code).toBe('NOT_FOUND');
    expect(JSON.stringify(sandbox.kvs.snapshot())).not.toContain(`${businessId}:`);
  });

  it('lets only people who administer the outcome’s projects change its KPIs', async () => {
    const { technicalId } = await createPair();
    expect(
      failure(await as(sandbox, USERS.evan).settings('CHK')('kpis/create', { draft: buildKpi(outcomeId) }))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      failure(
        await as(sandbox, USERS.rita).settings('CHK')('kpis/check-in', {
          kpiId: technicalId,
          value: 99,
          confidence: 'low',
          note: '',
        }),
      ).code,
    ).toBe('FORBIDDEN');
    const plat = ok(
      await admin()('outcomes/create', {
        draft: buildDraft({ title: 'Platform only', projectKeys: ['PLAT'] }),
      }),
    );
    // Priya is a member of PLAT, not its admin: PLAT's settings page refuses her.
    const priyaOnPlat = failure(
      await as(sandbox, USERS.priya).settings('PLAT')('kpis/create', { draft: buildTechnicalKpi(plat.id) }),
    );
    expect(priyaOnPlat.code).toBe('FORBIDDEN');
  });
});
