import type { KpiDraft, KpiSource, SmartFinding } from '../contract/kpi';
import type { Confidence, KpiDirection, KpiKind, KpiUnit } from '../contract/limits';
import { KPI_GUARDRAIL, KPI_NAME } from '../contract/limits';
import type { ChangeStamp } from './outcome';
import { formatValue } from './units';

/** A KPI as it is stored. `current*` mirror its latest check-in. */
export interface Kpi {
  id: string;
  outcomeId: string;
  name: string;
  description: string;
  kind: KpiKind;
  unit: KpiUnit | null;
  customUnit: string;
  direction: KpiDirection;
  baseline: number | null;
  target: number | null;
  bandMin: number | null;
  bandMax: number | null;
  dueDate: string | null;
  pairedKpiId: string | null;
  source: KpiSource;
  current: number | null;
  currentAt: string | null;
  currentConfidence: Confidence | null;
  isDraft: boolean;
  lastRefreshAt: string | null;
  lastRefreshError: string | null;
  /** Bumped by edits of the definition; what people's "changed by X" conflicts are about. */
  version: number;
  /** Bumped by every new value (check-in or refresh), so a value never overwrites an edit or vice versa. */
  valueSeq: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface OutcomeTimeframe {
  exists: boolean;
  startDate: string | null;
  dueDate: string | null;
}

/**
 * The SMART check, one finding per failed letter, each saying what to fix.
 * `outcome` is the outcome the KPI belongs to (relevance and the timeframe come from it).
 */
export function checkSmart(draft: KpiDraft, outcome: OutcomeTimeframe): SmartFinding[] {
  const findings: SmartFinding[] = [];
  const specific: string[] = [];
  if (draft.name.length < KPI_NAME.min) specific.push('give it a name of at least 3 characters');
  if (draft.description.length < 10) specific.push('describe what is measured and how');
  if (specific.length > 0) findings.push({ letter: 'S', message: `Specific: ${specific.join(' and ')}.` });

  const measurable: string[] = [];
  if (draft.unit === null || (draft.unit === 'custom' && draft.customUnit === ''))
    measurable.push('choose a unit');
  if (draft.baseline === null) measurable.push('give a numeric baseline');
  if (draft.direction === 'maintain') {
    if (draft.bandMin === null || draft.bandMax === null)
      measurable.push('give the band it must stay within');
  } else if (draft.target === null) {
    measurable.push('give a numeric target');
  }
  if (measurable.length > 0) findings.push({ letter: 'M', message: `Measurable: ${measurable.join(', ')}.` });

  const achievable = achievability(draft);
  if (achievable) findings.push({ letter: 'A', message: `Achievable: ${achievable}` });

  if (!outcome.exists) findings.push({ letter: 'R', message: 'Relevant: attach it to an existing outcome.' });

  const timely = timeliness(draft.dueDate, outcome);
  if (timely) findings.push({ letter: 'T', message: `Time-bound: ${timely}` });
  return findings;
}

function achievability(draft: KpiDraft): string | null {
  if (draft.direction === 'maintain') {
    if (draft.bandMin !== null && draft.bandMax !== null && draft.bandMin >= draft.bandMax) {
      return 'the band’s lower bound must be below its upper bound.';
    }
    return null;
  }
  if (draft.baseline === null || draft.target === null) return null;
  if (draft.target === draft.baseline)
    return 'the target must differ from the baseline, or there is nothing to achieve.';
  if (draft.direction === 'increase' && draft.target < draft.baseline) {
    return 'to increase, the target must be above the baseline.';
  }
  if (draft.direction === 'decrease' && draft.target > draft.baseline) {
    return 'to decrease, the target must be below the baseline.';
  }
  return null;
}

function timeliness(dueDate: string | null, outcome: OutcomeTimeframe): string | null {
  if (!dueDate) return 'give it a due date.';
  if (outcome.startDate && dueDate < outcome.startDate) {
    return `the due date must fall inside the outcome's timeframe (it starts ${outcome.startDate}).`;
  }
  if (outcome.dueDate && dueDate > outcome.dueDate) {
    return `the due date must fall inside the outcome's timeframe (it is due ${outcome.dueDate}).`;
  }
  return null;
}

/**
 * KPI progress: (current − baseline) / (target − baseline), clamped to 0..1. A maintain KPI is 1
 * inside its band and 0 outside. Null when there is no value yet or the KPI is not measurable.
 */
export function kpiProgress(
  kpi: Pick<Kpi, 'direction' | 'baseline' | 'target' | 'bandMin' | 'bandMax' | 'current'>,
): number | null {
  const { current, baseline, target } = kpi;
  if (current === null) return null;
  if (kpi.direction === 'maintain') {
    if (kpi.bandMin === null || kpi.bandMax === null) return null;
    return current >= kpi.bandMin && current <= kpi.bandMax ? 1 : 0;
  }
  if (baseline === null || target === null || target === baseline) return null;
  return Math.min(1, Math.max(0, (current - baseline) / (target - baseline)));
}

/** "From 42% to 35% by 30 Sep 2026; now 39%, 43% of the way there." */
export function progressInWords(
  kpi: Pick<
    Kpi,
    | 'direction'
    | 'baseline'
    | 'target'
    | 'bandMin'
    | 'bandMax'
    | 'current'
    | 'dueDate'
    | 'unit'
    | 'customUnit'
  >,
  formatDay: (isoDay: string) => string,
): string {
  const v = (n: number) => formatValue(n, kpi.unit, kpi.customUnit);
  const by = kpi.dueDate ? ` by ${formatDay(kpi.dueDate)}` : '';
  const progress = kpiProgress(kpi);
  if (kpi.direction === 'maintain') {
    if (kpi.bandMin === null || kpi.bandMax === null) return 'No band set yet.';
    const goal = `Keep between ${v(kpi.bandMin)} and ${v(kpi.bandMax)}${by}`;
    if (kpi.current === null) return `${goal}; no value checked in yet.`;
    return `${goal}; now ${v(kpi.current)}, ${progress === 1 ? 'inside' : 'outside'} the band.`;
  }
  if (kpi.baseline === null || kpi.target === null) return 'No baseline and target set yet.';
  const goal = `From ${v(kpi.baseline)} to ${v(kpi.target)}${by}`;
  if (kpi.current === null) return `${goal}; no value checked in yet.`;
  return `${goal}; now ${v(kpi.current)}, ${Math.round((progress ?? 0) * 100)}% of the way there.`;
}

export function draftFields(draft: KpiDraft) {
  return {
    outcomeId: draft.outcomeId,
    name: draft.name,
    description: draft.description,
    kind: draft.kind,
    unit: draft.unit,
    customUnit: draft.unit === 'custom' ? draft.customUnit : '',
    direction: draft.direction,
    baseline: draft.baseline,
    target: draft.direction === 'maintain' ? null : draft.target,
    bandMin: draft.direction === 'maintain' ? draft.bandMin : null,
    bandMax: draft.direction === 'maintain' ? draft.bandMax : null,
    dueDate: draft.dueDate,
    pairedKpiId: draft.pairedKpiId,
    source: draft.source,
  };
}

export function createKpi(id: string, draft: KpiDraft, isDraft: boolean, stamp: ChangeStamp): Kpi {
  const at = stamp.at.toISOString();
  return {
    id,
    ...draftFields(draft),
    current: null,
    currentAt: null,
    currentConfidence: null,
    isDraft,
    lastRefreshAt: null,
    lastRefreshError: null,
    version: 1,
    valueSeq: 0,
    createdAt: at,
    createdBy: stamp.accountId,
    updatedAt: at,
    updatedBy: stamp.accountId,
  };
}

export function reviseKpi(existing: Kpi, draft: KpiDraft, isDraft: boolean, stamp: ChangeStamp): Kpi {
  return {
    ...existing,
    ...draftFields(draft),
    isDraft,
    version: existing.version + 1,
    updatedAt: stamp.at.toISOString(),
    updatedBy: stamp.accountId,
  };
}

/**
 * Records a value as the KPI's current one (a check-in, by a person or a JQL refresh). A new value is
 * not an edit of the KPI: it moves `valueSeq`, not `version`, so an editor left open keeps its save.
 */
export function withCurrent(kpi: Kpi, value: number, confidence: Confidence, at: Date): Kpi {
  return {
    ...kpi,
    current: value,
    currentAt: at.toISOString(),
    currentConfidence: confidence,
    valueSeq: kpi.valueSeq + 1,
  };
}

/**
 * The pairing rules: a KPI pairs only with a KPI of the other kind on the same outcome.
 * Returns the problem, or null when the pairing is allowed.
 */
export function pairingProblem(
  kpi: Pick<Kpi, 'id' | 'kind' | 'outcomeId'>,
  partner: Pick<Kpi, 'id' | 'kind' | 'outcomeId'> | undefined,
) {
  if (!partner) return 'That KPI no longer exists.';
  if (partner.id === kpi.id) return 'A KPI cannot be paired with itself.';
  if (partner.outcomeId !== kpi.outcomeId) return 'Pair only KPIs of the same outcome.';
  if (partner.kind === kpi.kind) {
    return `Pair a ${kpi.kind} KPI with a ${kpi.kind === 'business' ? 'technical' : 'business'} one.`;
  }
  return null;
}

/** Outcome-level guardrail: two or three KPIs. More is a warning, never an error. */
export function kpiCountWarnings(count: number): string[] {
  if (count > KPI_GUARDRAIL.recommendedMax) {
    return [
      `This outcome has ${count} KPIs. Two or three keep everyone focused; consider retiring the weakest ${count - KPI_GUARDRAIL.recommendedMax === 1 ? 'one' : 'ones'}.`,
    ];
  }
  return [];
}
