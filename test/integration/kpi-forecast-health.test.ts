import { beforeAll, describe, expect, it } from 'vitest';
import { setSandboxClock } from '../../sandbox/runtime/clock';
import type { Sandbox } from '../../sandbox/site';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { as, FIXED_NOW, linkedEpic, ok, testSandbox, USERS } from '../support/sandbox';

/**
 * Health takes the KPI forecast: a KPI ahead of the straight line from its baseline, whose own recent
 * trend lands short of its target on the due date, makes the outcome at risk. The project page's row and
 * "Why these numbers?" must say the same, and the figures are worked out by hand from the check-ins.
 */

const START = '2026-05-18';
const DUE = '2026-07-13';
/** Every other day from 1 June to today (15 June), falling exactly 0.0625 points a day from 37.5. */
const CHECK_INS = Array.from({ length: 8 }, (_, i) => ({
  day: `2026-06-${String(1 + 2 * i).padStart(2, '0')}`,
  value: 37.5 - 0.0625 * 2 * i,
}));

/**
 * By hand. The straight line: 28 of 56 days gone (50%); 40 → 36.625 of 40 → 34 is 56.25% of the way,
 * ahead of the calendar: on track. The trend: 0.0625 a day down from 37.5 at 08:00 on 1 June, so at the
 * start of 13 July (41⅔ days later) 37.5 − 0.0625 × 41⅔ ≈ 34.896, 0.896 points short of 34; it reaches
 * 34 after 3.5 ÷ 0.0625 = 56 days, at 08:00 on 27 July, so the first whole day there is 28 July, 15 days
 * (2 weeks) after the due date.
 */
const ON_DUE = 37.5 - 0.0625 * (41 + 2 / 3);

/** The KPI forecast's reason as worked out above, with the value on the due date and the shortfall. */
function expectKpiForecastReason(reason: string) {
  expect(reason).toMatch(
    /^At this pace Checkout abandonment rate reaches 34% around 28 Jul 2026, 2 weeks after the due date \(13 Jul 2026\); on the due date it is about (.+)%, (.+) percentage points short of its target\. At risk\.$/,
  );
  const [, about = '', short = ''] = /about (.+)%, (.+) percentage points short/.exec(reason) ?? [];
  expect(Number(about)).toBeCloseTo(ON_DUE, 2);
  expect(Number(short)).toBeCloseTo(ON_DUE - 34, 2);
  return { about, short };
}

describe('health and the KPI forecast', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  let epicKey: string;

  beforeAll(async () => {
    sandbox = await testSandbox({ now: new Date('2026-06-01T07:00:00.000Z') });
    const alice = as(sandbox, USERS.alice).admin;
    outcomeId = ok(
      await alice('outcomes/create', { draft: buildDraft({ startDate: START, dueDate: DUE }) }),
    ).id;
    // Abandonment from 40% down to 34% by the due date.
    const kpiId =
      ok(await alice('kpis/create', { draft: buildKpi(outcomeId, { dueDate: DUE }) })).kpis[0]?.id ?? '';
    for (const { day, value } of CHECK_INS) {
      setSandboxClock(new Date(`${day}T08:00:00.000Z`));
      ok(await alice('kpis/check-in', { kpiId, value, confidence: 'high', note: '' }));
    }
    setSandboxClock(FIXED_NOW);
    epicKey = await linkedEpic(sandbox, outcomeId);
    await sandbox.settle();
  });

  it('is at risk on the project page and in "Why these numbers?", with the same reason', async () => {
    expect(3.5 / 0.0625).toBe(56);

    const page = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    const row = page.outcomes.find((o) => o.id === outcomeId);
    expect(row?.figures.healthSignals.map((s) => [s.name, s.status])).toEqual([
      ['kpi', 'on-track'],
      ['kpi-forecast', 'at-risk'],
    ]);
    expect(row?.figures.health).toBe('at-risk');
    const reason = row?.figures.healthSignals.find((s) => s.name === 'kpi-forecast')?.reason ?? '';
    const { about, short } = expectKpiForecastReason(reason);

    const detail = ok(
      await as(sandbox, USERS.rita).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    // The same row, the same health, and the breakdown's line says the same sentence.
    expect(detail.row.figures.healthSignals).toEqual(row?.figures.healthSignals);
    expect(detail.row.figures.explanation).toBe(row?.figures.explanation);
    const line = detail.breakdown.find((b) => b.figure === 'KPI forecast');
    expect(line?.value).toBe('at-risk');
    expect(line?.how).toContain(reason);
    // "Why these numbers?": the KPI's own forecast lands on the same value, and says it falls short.
    const kpi = detail.forecasts.kpis[0];
    expect(kpi?.kind).toBe('forecast');
    expect(kpi?.explanation.summary).toContain(`is about ${about}% on 13 Jul 2026`);
    expect(kpi?.explanation.summary).toContain(`${short} percentage points short of its target of 34%`);
  });

  it("is at risk on the issue panel's card too, with the same reason as the project page", async () => {
    const [panel, page] = await Promise.all([
      as(sandbox, USERS.rita).panel('panel/load', { issueKey: epicKey }),
      as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ]);
    const card = ok(panel).links.find((l) => l.outcomeId === outcomeId)?.outcome?.pulse;
    const row = ok(page).outcomes.find((o) => o.id === outcomeId);
    // The straight line alone says on track; the KPI's trend is what makes both surfaces say at risk.
    expect(card?.healthSignals.map((s) => [s.name, s.status])).toEqual([
      ['kpi', 'on-track'],
      ['kpi-forecast', 'at-risk'],
    ]);
    expect(card?.health).toBe('at-risk');
    expectKpiForecastReason(card?.healthSignals.find((s) => s.name === 'kpi-forecast')?.reason ?? '');
    expect(card?.healthSignals).toEqual(row?.figures.healthSignals);
    expect(card?.health).toBe(row?.figures.health);
    expect(card?.explanation).toBe(row?.figures.explanation);
  });
});
