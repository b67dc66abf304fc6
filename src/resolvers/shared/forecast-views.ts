import type { DeliveryForecastBrief } from '../../contract/issue-panel';
import type { OutcomeForecasts } from '../../contract/project-page';
import { isoDay } from '../../domain/clock';
import { type DeliveryForecast, TOO_LITTLE_HISTORY } from '../../domain/forecast/delivery';
import {
  type DoneItem,
  RELEASE_IMPACT,
  releaseImpacts,
  releasesOfRollup,
} from '../../domain/forecast/release-impact';
import type { Outcome } from '../../domain/outcome';
import { type KpiSeries, outcomeKpiForecast } from '../../domain/outcome-figures';
import type { RollupTotals } from '../../domain/rollup';

/** The delivery forecast as the row and the panel card show it: the dates and the chance, or why there are none. */
export function deliveryBrief(f: DeliveryForecast): DeliveryForecastBrief {
  if (f.kind === 'forecast') {
    return {
      kind: 'forecast',
      likely: f.likely,
      safe: f.safe,
      chanceByDue: f.chanceByDue,
      headline: f.explanation.summary,
    };
  }
  return {
    kind: f.kind,
    likely: null,
    safe: null,
    chanceByDue: null,
    headline: f.kind === 'not-enough-history' ? TOO_LITTLE_HISTORY : f.explanation.summary,
  };
}

/** Releases shown on the trend: the latest ones, each judged for every KPI (a year of weekly releases at most). */
const MAX_RELEASES = 52;

/** The first day of the releases the trend shows: since when the viewer's search for their keys looks. */
export const firstShownRelease = (totals: RollupTotals): string | null =>
  releasesOfRollup(totals).releases.slice(-MAX_RELEASES)[0]?.day ?? null;

/**
 * The outcome's forecasts for "Why these numbers?": delivery (already worked out with the figures), each
 * published KPI's trend to its due date (or the outcome's), and what each release did to each KPI. KPI
 * values are the check-ins that stand (withdrawn ones left out), the values Jira computed among them.
 */
export function outcomeForecasts(input: {
  outcome: Pick<Outcome, 'dueDate'>;
  totals: RollupTotals;
  delivery: DeliveryForecast;
  kpis: readonly KpiSeries[];
  /** The outcome's work done since the first shown release, as the viewer may see it: what names releases. */
  doneWork: readonly DoneItem[];
  windowDays: number;
  now: Date;
}): OutcomeForecasts {
  const today = isoDay(input.now);
  const { basis, releases } = releasesOfRollup(input.totals, input.doneWork);
  const summaries = new Map(input.doneWork.map((i) => [i.key, i.summary]));
  const recent = releases.slice(-MAX_RELEASES);
  const byKpi = input.kpis.map(({ kpi, series }) => ({
    kpi,
    impacts: releaseImpacts({ releases: recent, series, windowDays: input.windowDays, today, kpi }),
  }));
  return {
    delivery: input.delivery.explanation,
    kpis: input.kpis.map(({ kpi, series }) => {
      const f = outcomeKpiForecast(input.outcome, { kpi, series }, today);
      const goal = f.kind === 'forecast' ? f.goal : null;
      return {
        kpiId: kpi.id,
        name: kpi.name,
        kind: f.kind,
        chance: goal?.chance ?? null,
        goal: goal?.kind ?? null,
        explanation: f.explanation,
      };
    }),
    releases: {
      windowDays: input.windowDays,
      basis,
      caveat: RELEASE_IMPACT.caveat,
      markers: recent.map((release, i) => ({
        day: release.day,
        label: release.label,
        items: release.keys.map((key) => ({ key, summary: summaries.get(key) ?? '' })),
        impacts: byKpi.map(({ kpi, impacts }) => {
          const impact = impacts[i];
          if (!impact) throw new Error('Each release has an impact for each KPI.');
          return {
            kpiId: kpi.id,
            kpiName: kpi.name,
            verdict: impact.verdict,
            explanation: impact.explanation,
          };
        }),
      })),
    },
  };
}
