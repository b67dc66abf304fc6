import type { SettingsDraft } from '../contract/settings';
import { wholePercent } from './percent';

export type HealthStatus = 'on-track' | 'at-risk' | 'off-track' | 'not-started' | 'unknown';

/** Share of the outcome's timeframe gone on `today` (calendar days), clamped to 0..1; null without dates. */
export function timeElapsed(startDate: string | null, dueDate: string | null, today: string): number | null {
  if (!startDate || !dueDate) return null;
  const start = Date.parse(startDate);
  const due = Date.parse(dueDate);
  const now = Date.parse(today);
  if (!(due > start)) return null;
  return Math.min(1, Math.max(0, (now - start) / (due - start)));
}

export interface HealthInput {
  delivery: number | null;
  kpi: number | null;
  elapsed: number | null;
}

export interface Health {
  status: HealthStatus;
  /** The progress health judges: delivery and KPI progress averaged (either alone if the other is missing). */
  progress: number | null;
  /** Time elapsed minus progress: how far behind the calendar the outcome is. */
  gap: number | null;
  outputWithoutOutcome: boolean;
  explanation: string;
}

const pct = (share: number) => `${wholePercent(share)}%`;

/**
 * On track / at risk / off track, from delivery and KPI progress against time, with the thresholds from
 * the settings. "Output without outcome" is a separate signal: most work done, the KPI not moving.
 */
export function assessHealth({ delivery, kpi, elapsed }: HealthInput, settings: SettingsDraft): Health {
  const parts = [delivery, kpi].filter((v): v is number => v !== null);
  const progress = parts.length === 0 ? null : parts.reduce((a, b) => a + b, 0) / parts.length;
  const outputWithoutOutcome =
    delivery !== null &&
    kpi !== null &&
    delivery >= settings.outputWithoutOutcome.deliveryAtLeast &&
    kpi <= settings.outputWithoutOutcome.kpiProgressAtMost;
  const measured = [
    delivery === null ? 'no linked work' : `${pct(delivery)} of the work done`,
    kpi === null ? 'no KPI value yet' : `KPIs ${pct(kpi)} of the way`,
  ].join(', ');
  const warning = outputWithoutOutcome
    ? ` Output without outcome: at least ${pct(settings.outputWithoutOutcome.deliveryAtLeast)} of the work is done but the KPIs are at most ${pct(settings.outputWithoutOutcome.kpiProgressAtMost)} of the way.`
    : '';
  if (elapsed === null) {
    return {
      status: 'unknown',
      progress,
      gap: null,
      outputWithoutOutcome,
      explanation: `No timeframe set; ${measured}.${warning}`,
    };
  }
  if (elapsed === 0) {
    return {
      status: 'not-started',
      progress,
      gap: null,
      outputWithoutOutcome,
      explanation: `Not started yet; ${measured}.${warning}`,
    };
  }
  if (progress === null) {
    return {
      status: 'unknown',
      progress,
      gap: null,
      outputWithoutOutcome,
      explanation: `${pct(elapsed)} of the time gone; nothing to measure yet (${measured}).`,
    };
  }
  const gap = elapsed - progress;
  const status: HealthStatus =
    gap <= settings.atRiskGap ? 'on-track' : gap <= settings.offTrackGap ? 'at-risk' : 'off-track';
  const verdict =
    gap <= 0
      ? 'ahead of the calendar'
      : `${Math.round(gap * 100)} points behind the calendar (at risk beyond ${pct(settings.atRiskGap)}, off track beyond ${pct(settings.offTrackGap)})`;
  return {
    status,
    progress,
    gap,
    outputWithoutOutcome,
    explanation: `${pct(elapsed)} of the time gone; ${measured}: progress ${pct(progress)}, ${verdict}.${warning}`,
  };
}

/** Average KPI progress over the KPIs that have a value and are not drafts; null when none do. */
export function averageKpiProgress(ratios: (number | null)[]): number | null {
  const known = ratios.filter((r): r is number => r !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}
