import { dailyValues, type KpiPoint } from '../domain/forecast/kpi-trend';
import { keptAnswers } from '../domain/kept-answers';
import type { Kpi } from '../domain/kpi';
import type { KpiSeries } from '../domain/outcome-figures';
import { allCheckIns } from '../platform/storage/kpi-repository';

/**
 * The values each published KPI's forecast is fitted to: its check-ins that stand (withdrawn ones left
 * out), the values Jira computed among them, one a day (the day's last). The app stores no daily value of
 * its own, and check-ins already are one: reading them is the honest source.
 *
 * Kept by the KPI's value counter and the day: a new check-in, a refresh, a correction or a withdrawal
 * moves `valueSeq`, so a page reads a KPI's history again only after it changed. An import that adds older
 * check-ins without a new latest value does not move it: those show from the next day, or the next value.
 */
export async function publishedKpiSeries(kpis: readonly Kpi[], today: string): Promise<KpiSeries[]> {
  const published = kpis.filter((k) => !k.isDraft);
  return Promise.all(
    published.map(async (kpi) => {
      const key = `${kpi.id}|${kpi.valueSeq}|${today}`;
      const series = await keptSeries
        .answer(key, () => readSeries(kpi.id))
        .catch((error: unknown) => {
          // A failed read is not kept: the next load reads again.
          keptSeries.forget(key);
          throw error;
        });
      return { kpi, series };
    }),
  );
}

const readSeries = async (kpiId: string): Promise<KpiPoint[]> =>
  dailyValues(
    (await allCheckIns(kpiId)).filter((c) => c.withdrawn === null).map((c) => ({ at: c.at, value: c.value })),
  );

/** A few pages' worth of KPIs, at most a year of daily values each. */
const keptSeries = keptAnswers<Promise<KpiPoint[]>>(1000);
