import type { KpiDraft, KpiSource, SmartFinding } from '../contract/kpi';
import type { CheckInCadence, Confidence, KpiDirection, KpiKind, KpiUnit } from '../contract/limits';
import { DEFAULT_CADENCE, KPI_DESCRIPTION_MIN, KPI_GUARDRAIL, KPI_NAME } from '../contract/limits';
import { formatIsoDay } from './dates';
import type { ChangeStamp } from './outcome';
import { wholePercent } from './percent';
import { distanceInWords, formatValue, outOfRange, roundTo } from './units';

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
  /** How often a manual KPI expects a check-in (src/domain/cadence.ts); unused for JQL KPIs. */
  cadence: CheckInCadence;
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
  // Each letter names the fields it needs, as the form labels them, and points at the first of them.
  const specific: [string, string][] = [];
  if (draft.name.length < KPI_NAME.min)
    specific.push(['name', `the Name needs at least ${KPI_NAME.min} characters`]);
  if (draft.description.length < KPI_DESCRIPTION_MIN)
    specific.push([
      'description',
      `the Description must say what is measured and how (at least ${KPI_DESCRIPTION_MIN} characters)`,
    ]);
  if (specific.length > 0)
    findings.push({
      letter: 'S',
      field: specific[0]?.[0],
      message: `Specific: ${specific.map(([, m]) => m).join(', and ')}.`,
    });

  const measurable: [string, string][] = [];
  if (draft.unit === null || (draft.unit === 'custom' && draft.customUnit === ''))
    measurable.push(['unit', draft.unit === 'custom' ? 'name the custom Unit' : 'choose a Unit']);
  if (draft.baseline === null) measurable.push(['baseline', 'give a numeric Baseline']);
  if (draft.direction === 'maintain') {
    if (draft.bandMin === null || draft.bandMax === null)
      measurable.push([draft.bandMin === null ? 'bandMin' : 'bandMax', 'give the band it must stay within']);
  } else if (draft.target === null) {
    measurable.push(['target', 'give a numeric Target']);
  }
  if (measurable.length > 0)
    findings.push({
      letter: 'M',
      field: measurable[0]?.[0],
      message: `Measurable: ${measurable.map(([, m]) => m).join(', ')}.`,
    });

  const achievable = achievability(draft);
  if (achievable)
    findings.push({
      letter: 'A',
      field: draft.direction === 'maintain' ? 'bandMin' : 'target',
      message: `Achievable: ${achievable}`,
    });

  if (!outcome.exists)
    findings.push({
      letter: 'R',
      field: 'outcomeId',
      message: 'Relevant: attach it to an existing outcome.',
    });

  const timely = timeliness(draft.dueDate, outcome);
  if (timely) findings.push({ letter: 'T', field: 'dueDate', message: `Time-bound: ${timely}` });
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
  if (!dueDate) return 'give it a Due date.';
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
 * inside its band and 0 outside (how far outside is `bandGap`). Null when there is no value yet or the
 * KPI is not measurable.
 */
export function kpiProgress(
  kpi: Pick<Kpi, 'direction' | 'baseline' | 'target' | 'bandMin' | 'bandMax' | 'current'>,
): number | null {
  const { current, baseline, target } = kpi;
  if (current === null) return null;
  if (kpi.direction === 'maintain') {
    const gap = bandGap(kpi);
    return gap === null ? null : gap.side === 'inside' ? 1 : 0;
  }
  if (baseline === null || target === null || target === baseline) return null;
  return Math.min(1, Math.max(0, (current - baseline) / (target - baseline)));
}

/** Where a maintain KPI's value sits against its band, and how far outside it (0 inside); null without both. */
export function bandGap(
  kpi: Pick<Kpi, 'direction' | 'bandMin' | 'bandMax' | 'current'>,
): { side: 'inside' | 'below' | 'above'; by: number } | null {
  if (kpi.direction !== 'maintain' || kpi.current === null || kpi.bandMin === null || kpi.bandMax === null)
    return null;
  // Rounded as values are shown, so "0.0000001 above" never appears for a value at the edge.
  if (kpi.current < kpi.bandMin) return { side: 'below', by: roundTo(kpi.bandMin - kpi.current, 6) };
  if (kpi.current > kpi.bandMax) return { side: 'above', by: roundTo(kpi.current - kpi.bandMax, 6) };
  return { side: 'inside', by: 0 };
}

/**
 * "99.82% availability now, 71% of the way from 99.5% availability to 99.95% availability": the value and
 * the share of the way to target side by side, so a list of KPIs never shows one as if it were the other.
 */
export function progressInBrief(
  kpi: Pick<
    Kpi,
    'direction' | 'baseline' | 'target' | 'bandMin' | 'bandMax' | 'current' | 'unit' | 'customUnit'
  >,
): string {
  const v = (n: number) => formatValue(n, kpi.unit, kpi.customUnit);
  if (kpi.direction === 'maintain') {
    if (kpi.bandMin === null || kpi.bandMax === null) return 'no band set yet';
    const range = `${v(kpi.bandMin)} to ${v(kpi.bandMax)}`;
    const gap = bandGap(kpi);
    if (kpi.current === null || gap === null) return `no value yet; keep within the band ${range}`;
    // Outside, how far: "20 ms above the band 100 ms to 300 ms".
    const where = gap.side === 'inside' ? 'inside the band' : outsideBandInWords(kpi);
    return `${v(kpi.current)} now, ${where} ${range}`;
  }
  if (kpi.baseline === null || kpi.target === null) return 'no baseline and target set yet';
  const way = `from ${v(kpi.baseline)} to ${v(kpi.target)}`;
  if (kpi.current === null) return `no value yet; ${way}`;
  return `${v(kpi.current)} now, ${wholePercent(kpiProgress(kpi) ?? 0)}% of the way ${way}`;
}

/** "20 ms above the band", "1.5 percentage points below the band"; null inside it or without a value. */
export function outsideBandInWords(
  kpi: Pick<Kpi, 'direction' | 'bandMin' | 'bandMax' | 'current' | 'unit' | 'customUnit'>,
): string | null {
  const gap = bandGap(kpi);
  if (gap === null || gap.side === 'inside') return null;
  return `${distanceInWords(gap.by, kpi.unit, kpi.customUnit)} ${gap.side} the band`;
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
    const gap = bandGap(kpi);
    if (kpi.current === null || gap === null) return `${goal}; no value checked in yet.`;
    const where =
      gap.side === 'inside'
        ? 'inside the band (100%)'
        : `${outsideBandInWords(kpi)} (0% until it is back inside)`;
    return `${goal}; now ${v(kpi.current)}, ${where}.`;
  }
  if (kpi.baseline === null || kpi.target === null) return 'No baseline and target set yet.';
  const goal = `From ${v(kpi.baseline)} to ${v(kpi.target)}${by}`;
  if (kpi.current === null) return `${goal}; no value checked in yet.`;
  return `${goal}; now ${v(kpi.current)}, ${wholePercent(progress ?? 0)}% of the way there.`;
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
    cadence: draft.cadence ?? DEFAULT_CADENCE,
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
    // A form that does not send a cadence (an older page) keeps the one set, never resets it.
    cadence: draft.cadence ?? existing.cadence,
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
 * The pairing rules: a technical KPI serves one business KPI of the same outcome, and a business KPI is
 * moved by as many technical KPIs as name it. So only a technical KPI names a partner.
 * Returns the problem, or null when the pairing is allowed.
 */
export function pairingProblem(
  kpi: Pick<Kpi, 'id' | 'kind' | 'outcomeId'>,
  partner: Pick<Kpi, 'id' | 'kind' | 'outcomeId'> | undefined,
) {
  if (kpi.kind === 'business') {
    return 'A business KPI is moved by technical KPIs: pair each technical KPI with it instead.';
  }
  // A KPI of another outcome is answered as one that does not exist: that outcome may be hidden.
  if (!partner || partner.outcomeId !== kpi.outcomeId) return 'Pair only KPIs of the same outcome.';
  if (partner.id === kpi.id) return 'A KPI cannot be paired with itself.';
  if (partner.kind !== 'business') return 'Pair a technical KPI with the business KPI it moves.';
  return null;
}

/** The technical KPIs that move a business KPI (those that name it), by name. */
export const partnersOf = <K extends Pick<Kpi, 'id' | 'kind' | 'name' | 'pairedKpiId'>>(
  kpi: Pick<Kpi, 'id' | 'kind' | 'pairedKpiId'>,
  all: readonly K[],
): K[] =>
  kpi.kind === 'business'
    ? all
        .filter((k) => k.kind === 'technical' && k.pairedKpiId === kpi.id)
        .sort((a, b) => a.name.localeCompare(b.name))
    : all.filter((k) => k.id === kpi.pairedKpiId);

/**
 * Outcome-level guardrail: two or three published KPIs. Drafts do not count, as they count nowhere else.
 * More is a warning, never an error.
 */
export function kpiCountWarnings(kpis: readonly Pick<Kpi, 'isDraft'>[]): string[] {
  const published = kpis.filter((k) => !k.isDraft).length;
  if (published > KPI_GUARDRAIL.recommendedMax) {
    return [
      `This outcome has ${published} published KPIs. Two or three keep everyone focused; consider retiring the weakest ${published - KPI_GUARDRAIL.recommendedMax === 1 ? 'one' : 'ones'}.`,
    ];
  }
  return [];
}

/** One value of a KPI at a time: a check-in as the history keeps it. */
export interface ValuePoint {
  value: number;
  /** ISO instant. */
  at: string;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

/** How fast the KPI has moved so far: from its first value to its latest, per day; null before two days of history. */
export function historyPace(
  points: readonly ValuePoint[],
): { from: ValuePoint; to: ValuePoint; perDay: number } | null {
  if (points.length < 2) return null;
  const sorted = [...points].sort((a, b) => a.at.localeCompare(b.at));
  const from = sorted[0];
  const to = sorted.at(-1);
  if (!from || !to) return null;
  const days = daysBetween(from.at, to.at);
  if (days < 1) return null;
  return { from, to, perDay: (to.value - from.value) / days };
}

/**
 * SMART's A, as a warning and never a refusal: the pace the target needs in the time left, against the
 * pace the KPI's own history shows (first check-in to latest). Null when there is no history yet, the
 * target is reached, or no time is left (T says so).
 */
export function achievabilityWarning(
  kpi: Pick<Kpi, 'direction' | 'baseline' | 'target' | 'dueDate' | 'current' | 'unit' | 'customUnit'>,
  history: readonly ValuePoint[],
  today: string,
): string | null {
  if (kpi.direction === 'maintain' || kpi.target === null || kpi.dueDate === null) return null;
  const pace = historyPace(history);
  if (!pace) return null;
  const now = kpi.current ?? pace.to.value;
  const sign = kpi.direction === 'increase' ? 1 : -1;
  const left = (kpi.target - now) * sign;
  if (left <= 0) return null;
  const days = daysBetween(today, kpi.dueDate);
  if (days <= 0) return null;
  const v = (n: number) => formatValue(n, kpi.unit, kpi.customUnit);
  const perWeek = (n: number) => distanceInWords(roundTo(Math.abs(n) * 7, 3), kpi.unit, kpi.customUnit);
  const needed = left / days;
  const observed = pace.perDay * sign;
  const seen = `${v(pace.from.value)} on ${formatIsoDay(pace.from.at.slice(0, 10))} to ${v(pace.to.value)} on ${formatIsoDay(pace.to.at.slice(0, 10))}`;
  const goal = `Reaching ${v(kpi.target)} by ${formatIsoDay(kpi.dueDate)} needs about ${perWeek(needed)} a week`;
  if (observed <= 0) {
    return `Achievable? ${goal}, and its own history has not moved towards the target (${seen}). Check the target, or what will move it.`;
  }
  // Compared as the sentence says them (a week's movement, three decimals), so equal paces never warn.
  if (roundTo(needed * 7, 3) <= roundTo(observed * 7, 3)) return null;
  return `Achievable? ${goal}; its own history moved about ${perWeek(observed)} a week (${seen}). Consider a nearer target or a later due date.`;
}

/** A KPI as the timeframe rule reads it: its definition, and whether it is a draft now. */
export type KpiForTimeframe = KpiDraft & { id: string; isDraft: boolean };

/** KPIs whose publication a change of the outcome's dates (and of their own due dates) would flip. */
export interface PublicationChanges {
  /** Published now, drafts after: they leave KPI progress and health. */
  unpublished: { id: string; name: string; dueDate: string | null }[];
  /** Drafts now, published after: they join KPI progress and health. */
  republished: { id: string; name: string; dueDate: string | null }[];
}

/**
 * What new outcome dates do to its KPIs. A KPI is a draft while it fails SMART, and its T needs its due
 * date inside the outcome's timeframe, so shortening the dates can unpublish KPIs and widening them can
 * publish drafts again. `moves` are due dates the user moves in the same step. The editor shows this
 * before saving, and the save refuses to unpublish a KPI the user did not confirm.
 */
export function publicationChanges(
  kpis: readonly KpiForTimeframe[],
  timeframe: Pick<OutcomeTimeframe, 'startDate' | 'dueDate'>,
  moves: ReadonlyMap<string, string> = new Map(),
): PublicationChanges {
  const changes: PublicationChanges = { unpublished: [], republished: [] };
  for (const k of kpis) {
    const dueDate = moves.get(k.id) ?? k.dueDate;
    const draftAfter = checkSmart({ ...k, dueDate }, { exists: true, ...timeframe }).length > 0;
    if (draftAfter === k.isDraft) continue;
    (draftAfter ? changes.unpublished : changes.republished).push({ id: k.id, name: k.name, dueDate });
  }
  return changes;
}

/** The fields whose values a KPI's unit bounds, as a message names them. */
const RANGED_FIELD = {
  baseline: 'The baseline',
  target: 'The target',
  bandMin: 'The lower end of the band',
  bandMax: 'The upper end of the band',
  current: 'The current value',
} as const;

/**
 * The values a KPI's unit cannot take (a share above 100%), each with the field it is in: never saved,
 * not even as a draft, whether typed in the editor or read from an import file.
 */
export function valueRangeProblems(
  values: Partial<Record<keyof typeof RANGED_FIELD, number | null>>,
  unit: KpiUnit | null,
  customUnit: string,
): { field: keyof typeof RANGED_FIELD; message: string }[] {
  return (Object.keys(RANGED_FIELD) as (keyof typeof RANGED_FIELD)[]).flatMap((field) => {
    const value = values[field];
    const problem = value === null || value === undefined ? null : outOfRange(value, unit, customUnit);
    return problem
      ? [{ field, message: `${RANGED_FIELD[field]}: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}` }]
      : [];
  });
}
