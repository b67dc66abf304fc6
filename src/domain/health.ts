import type { SettingsDraft } from '../contract/settings';
import { wholePercent } from './percent';
import { wordList } from './units';

export type HealthStatus = 'on-track' | 'at-risk' | 'off-track' | 'not-started' | 'unknown';
/** What one signal can say: the three classes health is made of. */
export type SignalStatus = 'on-track' | 'at-risk' | 'off-track';

/** Share of the outcome's timeframe gone on `today` (calendar days), clamped to 0..1; null without dates. */
export function timeElapsed(startDate: string | null, dueDate: string | null, today: string): number | null {
  if (!startDate || !dueDate) return null;
  const start = Date.parse(startDate);
  const due = Date.parse(dueDate);
  const now = Date.parse(today);
  if (!(due > start)) return null;
  return Math.min(1, Math.max(0, (now - start) / (due - start)));
}

/**
 * A share in the whole points the page shows (`wholePercent`). Every comparison health makes is made in
 * these, so a figure on screen and the class beside it never disagree: 80% gone and 70% done is exactly
 * 10 points behind, never 10.000000000000009.
 */
export const points = (share: number): number => wholePercent(share);

/** A threshold of the settings (a share such as 0.1) in whole points. */
export const thresholdPoints = (share: number): number => Math.round(share * 100);

/** On track up to the at-risk gap, at risk up to the off-track gap, off track beyond; all in whole points. */
export function classOf(gapPoints: number, settings: SettingsDraft): SignalStatus {
  if (gapPoints <= thresholdPoints(settings.atRiskGap)) return 'on-track';
  if (gapPoints <= thresholdPoints(settings.offTrackGap)) return 'at-risk';
  return 'off-track';
}

const SEVERITY: Record<SignalStatus, number> = { 'on-track': 0, 'at-risk': 1, 'off-track': 2 };
export const STATUS_WORDS: Record<HealthStatus, string> = {
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
  'not-started': 'not started',
  unknown: 'unknown',
};

export const worseOf = (a: SignalStatus, b: SignalStatus): SignalStatus =>
  SEVERITY[b] > SEVERITY[a] ? b : a;

/**
 * One thing health judges against the calendar. The outcome's health is the worst of its signals, so a
 * further one (a forecast, say) is one more entry in the list `assessHealth` judges.
 */
export interface HealthSignal {
  name: 'delivery' | 'kpi' | (string & {});
  /** How the verdict names it: "delivery", "KPIs". */
  label: string;
  status: SignalStatus;
  /** The sentence that says how this signal was judged, in the words of the rule. */
  reason: string;
}

export interface DeliveryInput {
  /** Share of the work done, in the method's unit. */
  ratio: number;
  /** Counted tickets, and how many of them are open past their due date. */
  tickets: number;
  overdue: number;
}

const behind = (gap: number) =>
  gap > 0
    ? `${gap} ${gap === 1 ? 'point' : 'points'} behind the calendar`
    : gap === 0
      ? 'level with the calendar'
      : `${-gap} ${gap === -1 ? 'point' : 'points'} ahead of the calendar`;

/**
 * Delivery against time: the share done against the share of time gone, and the overdue share of the
 * counted tickets against the same thresholds (10 of 30 tickets overdue is work late now, whatever the
 * pace). The worse of the two is delivery's class.
 */
export function deliverySignal(d: DeliveryInput, elapsed: number, settings: SettingsDraft): HealthSignal {
  const gap = points(elapsed) - points(d.ratio);
  const pace = classOf(gap, settings);
  let status = pace;
  let reason = `Delivery ${points(d.ratio)}% done, ${behind(gap)}: ${STATUS_WORDS[pace]}`;
  if (d.overdue > 0 && d.tickets > 0) {
    const share = points(d.overdue / d.tickets);
    const late = classOf(share, settings);
    status = worseOf(pace, late);
    reason += `; ${d.overdue} of ${d.tickets} counted tickets overdue (${share}%): ${STATUS_WORDS[late]}`;
    if (late !== pace) reason += `, so delivery is ${STATUS_WORDS[status]}`;
  }
  return { name: 'delivery', label: 'delivery', status, reason: `${reason}.` };
}

/** KPI progress against time: how far the KPIs have moved against the share of time gone. */
export function kpiSignal(kpi: number, elapsed: number, settings: SettingsDraft): HealthSignal {
  const gap = points(elapsed) - points(kpi);
  const status = classOf(gap, settings);
  return {
    name: 'kpi',
    label: 'KPIs',
    status,
    reason: `KPIs ${points(kpi)}% of the way, ${behind(gap)}: ${STATUS_WORDS[status]}.`,
  };
}

export interface HealthInput {
  delivery: DeliveryInput | null;
  kpi: number | null;
  elapsed: number | null;
}

export interface Health {
  status: HealthStatus;
  /** The signals health was judged on; empty before the start, without a timeframe or anything to measure. */
  signals: HealthSignal[];
  outputWithoutOutcome: boolean;
  explanation: string;
}

/** "Output without outcome": most of the work done (at least the setting), the KPIs not moved (at most it). */
export function isOutputWithoutOutcome(
  delivery: number | null,
  kpi: number | null,
  settings: SettingsDraft,
): boolean {
  return (
    delivery !== null &&
    kpi !== null &&
    points(delivery) >= thresholdPoints(settings.outputWithoutOutcome.deliveryAtLeast) &&
    points(kpi) <= thresholdPoints(settings.outputWithoutOutcome.kpiProgressAtMost)
  );
}

const thresholdsInWords = (s: SettingsDraft) =>
  `On track up to ${thresholdPoints(s.atRiskGap)} points behind, at risk up to ${thresholdPoints(s.offTrackGap)}, off track beyond.`;

/**
 * On track / at risk / off track: delivery against time and KPI progress against time are judged
 * separately, and the outcome's health is the worse of the two, so finished work can never hide KPIs that
 * did not move. Delivery alone only when no KPI has a value (and the explanation says so); the KPIs alone
 * when no work is counted. "Output without outcome" is a separate flag beside it.
 */
export function assessHealth(
  { delivery, kpi, elapsed }: HealthInput,
  settings: SettingsDraft,
  /** Further signals judged with delivery and KPIs (the worst of all wins). */
  more: readonly HealthSignal[] = [],
): Health {
  const outputWithoutOutcome = isOutputWithoutOutcome(delivery?.ratio ?? null, kpi, settings);
  const warning = outputWithoutOutcome
    ? ` Output without outcome: at least ${thresholdPoints(settings.outputWithoutOutcome.deliveryAtLeast)}% of the work is done but the KPIs are at most ${thresholdPoints(settings.outputWithoutOutcome.kpiProgressAtMost)}% of the way.`
    : '';
  const measured = [
    delivery === null ? 'no counted work' : `${points(delivery.ratio)}% of the work done`,
    kpi === null ? 'no KPI value yet' : `KPIs ${points(kpi)}% of the way`,
  ].join(', ');
  if (elapsed === null) {
    return {
      status: 'unknown',
      signals: [],
      outputWithoutOutcome,
      explanation: `No timeframe set; ${measured}.${warning}`,
    };
  }
  if (elapsed === 0) {
    return {
      status: 'not-started',
      signals: [],
      outputWithoutOutcome,
      explanation: `Not started yet; ${measured}.${warning}`,
    };
  }
  const signals: HealthSignal[] = [];
  if (delivery !== null) signals.push(deliverySignal(delivery, elapsed, settings));
  if (kpi !== null) signals.push(kpiSignal(kpi, elapsed, settings));
  signals.push(...more);
  const gone = `${points(elapsed)}% of the time gone.`;
  if (signals.length === 0) {
    return {
      status: 'unknown',
      signals,
      outputWithoutOutcome,
      explanation: `${gone} Nothing to measure yet: no counted work and no KPI value.`,
    };
  }
  return judge(signals, gone, settings, outputWithoutOutcome, warning, {
    delivery: delivery !== null,
    kpi: kpi !== null,
  });
}

function judge(
  signals: HealthSignal[],
  gone: string,
  settings: SettingsDraft,
  outputWithoutOutcome: boolean,
  warning: string,
  has: { delivery: boolean; kpi: boolean },
): Health {
  const status = signals.map((s) => s.status).reduce(worseOf);
  const labels = signals.map((s) => s.label);
  const alone = !has.kpi
    ? 'No published KPI has a value yet, so health is judged on delivery alone. '
    : !has.delivery
      ? 'No work is counted yet, so health is judged on the KPIs alone. '
      : '';
  const verdict =
    labels.length === 1
      ? `${alone}Health: ${STATUS_WORDS[status]}.`
      : `${alone}Health is the worse of ${wordList(labels)}: ${STATUS_WORDS[status]}.`;
  return {
    status,
    signals,
    outputWithoutOutcome,
    explanation:
      [gone, ...signals.map((s) => s.reason), verdict, thresholdsInWords(settings)].join(' ') + warning,
  };
}

/** Average KPI progress over the KPIs that have a value and are not drafts; null when none do. */
export function averageKpiProgress(ratios: (number | null)[]): number | null {
  const known = ratios.filter((r): r is number => r !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}
