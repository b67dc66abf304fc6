import type { FieldError } from '../contract/envelope';
import type { SettingsDraft } from '../contract/settings';
import type { ImportSummary, TransferDocument } from '../contract/transfer';
import { wouldCreateCycle } from './alignment';
import { type CheckIn, latestStanding } from './check-in';
import { checkSmart, createKpi, draftFields, type Kpi, pairingProblem, valueRangeProblems } from './kpi';
import { type MappingRule, sameIds } from './mapping-rule';
import {
  type ChangeStamp,
  checkOutcomeRules,
  createOutcome,
  notAUser,
  type Outcome,
  peopleByRole,
  reviseOutcome,
} from './outcome';
import { outOfRange } from './units';

export interface ImportContext {
  existingOutcomes: readonly Outcome[];
  /** Stored outcomes the importer may see: only these (or the file's own) can become a parent. */
  visibleOutcomeIds: ReadonlySet<string>;
  existingKpis: ReadonlyMap<string, Kpi>;
  /** The stored check-ins of the file's KPIs, by id. */
  existingCheckIns: ReadonlyMap<string, CheckIn>;
  existingRules: ReadonlyMap<string, MappingRule>;
  /** The site's settings as stored (`stored` false: the defaults are in force), and whether the importer may change them. */
  settings: { current: SettingsDraft; stored: boolean; mayChange: boolean };
  knownProjects: ReadonlySet<string>;
  knownUsers: ReadonlySet<string>;
  stamp: ChangeStamp;
}

/** What an import does to one record: create it, bring it to the file's state, or leave it as it is. */
export type Action = 'create' | 'update' | 'unchanged';

/** One stored record's next state, the state it was read in (null for a new one), and what that amounts to. */
export interface PlannedWrite<T> {
  next: T;
  previous: T | null;
  action: Action;
}

/** An outcome of the file with its KPIs: written together, so an outcome never lands without them. */
export interface ImportedOutcome extends PlannedWrite<Outcome> {
  kpis: PlannedWrite<Kpi>[];
}

export interface ImportPlan {
  errors: FieldError[];
  warnings: string[];
  outcomes: ImportedOutcome[];
  checkIns: PlannedWrite<CheckIn>[];
  rules: PlannedWrite<MappingRule>[];
  /** Null when the file has no settings; `kept` when it has others but the importer may not change them. */
  settings: { next: SettingsDraft; action: Action | 'kept'; storedBefore: boolean } | null;
}

/** JSON with object keys in order, so two records compare by content, whatever order their fields came in. */
export function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a person changes in an outcome (not its version or stamps): equal means an import leaves it alone. */
const outcomeContent = (o: Outcome) =>
  stable([
    o.title,
    o.statement,
    o.projectKeys,
    o.businessOwnerId,
    o.technologyOwnerId,
    o.startDate,
    o.dueDate,
    o.state,
    o.parentId,
    o.roles,
    o.rollup,
  ]);
const kpiDefinition = (k: Kpi) => stable([draftFields({ ...k }), k.isDraft]);
const kpiValue = (k: Kpi) => stable([k.current, k.currentAt, k.currentConfidence]);
const checkInContent = (c: CheckIn) =>
  stable([
    c.kpiId,
    c.outcomeId,
    c.value,
    c.confidence,
    c.note,
    c.authorId,
    c.source,
    c.at,
    c.withdrawn,
    c.changes,
  ]);
const ruleContent = (r: MappingRule) => stable([r.outcomeId, r.jql, [...r.kpiIds].sort(), r.enabled]);

/**
 * Checks an import file against every rule an edit would face and plans the writes: what it creates,
 * what it brings to the file's state, and what it leaves alone because the file says what is stored
 * already (so importing the same file twice changes nothing). Pure: the caller writes only when `errors`
 * is empty, so a bad file changes nothing; it never deletes anything the file leaves out.
 */
export function planImport(doc: TransferDocument, context: ImportContext): ImportPlan {
  const plan: ImportPlan = {
    errors: [],
    warnings: [],
    outcomes: [],
    checkIns: [],
    rules: [],
    settings: null,
  };
  const { errors } = plan;
  const existing = new Map(context.existingOutcomes.map((o) => [o.id, o]));
  const parentOf = new Map<string, string | null>(context.existingOutcomes.map((o) => [o.id, o.parentId]));
  for (const o of doc.outcomes) parentOf.set(o.id, o.parentId);
  const seenInFile = new Set(doc.outcomes.map((o) => o.id));
  const seenOutcomes = new Set<string>();
  const seenKpis = new Set<string>();
  const seenCheckIns = new Set<string>();
  const storedKpisOf = new Map<string, Kpi[]>();
  for (const k of context.existingKpis.values()) {
    storedKpisOf.set(k.outcomeId, [...(storedKpisOf.get(k.outcomeId) ?? []), k]);
  }
  const storedCheckInsOf = new Map<string, CheckIn[]>();
  for (const c of context.existingCheckIns.values()) {
    storedCheckInsOf.set(c.kpiId, [...(storedCheckInsOf.get(c.kpiId) ?? []), c]);
  }
  // A file of the first format holds definitions only: the values and history stored here stay.
  const withValues = doc.format !== 'outcome-bridge/outcomes@1';
  const kpisOfOutcome = new Map<string, Set<string>>();

  doc.outcomes.forEach((o, i) => {
    const at = `document.outcomes.${i}`;
    if (seenOutcomes.has(o.id))
      errors.push({ path: `${at}.id`, message: `Outcome ${o.id} appears twice in the file.` });
    seenOutcomes.add(o.id);
    errors.push(...checkOutcomeRules(o, at));
    for (const key of o.projectKeys) {
      if (!context.knownProjects.has(key))
        errors.push({ path: `${at}.projectKeys`, message: `Jira has no project ${key}.` });
    }
    for (const r of peopleByRole(o)) {
      if (r.ids.some((id) => !context.knownUsers.has(id)))
        errors.push({ path: `${at}.${r.field}`, message: notAUser(r.role) });
    }
    // A parent the importer cannot see is answered as one that does not exist, unless it is already the parent.
    const parentKnown = (id: string) =>
      seenInFile.has(id) || context.visibleOutcomeIds.has(id) || existing.get(o.id)?.parentId === id;
    if (o.parentId !== null) {
      if (!parentKnown(o.parentId)) {
        errors.push({
          path: `${at}.parentId`,
          message: `Parent outcome ${o.parentId} is neither in the file nor in Jira.`,
        });
      } else if (wouldCreateCycle(o.id, o.parentId, parentOf)) {
        errors.push({
          path: `${at}.parentId`,
          message: 'This parent would make a loop in the alignment tree.',
        });
      }
    }

    const previous = existing.get(o.id) ?? null;
    const revised = previous
      ? reviseOutcome(previous, o, context.stamp)
      : createOutcome(o.id, o, context.stamp);
    const same = previous !== null && outcomeContent(previous) === outcomeContent(revised);
    const entry: ImportedOutcome = {
      next: same && previous ? previous : revised,
      previous,
      action: previous === null ? 'create' : same ? 'unchanged' : 'update',
      kpis: [],
    };
    plan.outcomes.push(entry);
    if (!previous) {
      const twin = context.existingOutcomes.find((s) => s.title === o.title && !seenInFile.has(s.id));
      if (twin) {
        plan.warnings.push(
          `“${o.title}” is new under its id ${o.id}, but an outcome of that title exists here as ${twin.id}: importing creates a second one.`,
        );
      }
    }

    const byId = new Map(o.kpis.map((k) => [k.id, k]));
    kpisOfOutcome.set(o.id, new Set([...byId.keys(), ...(storedKpisOf.get(o.id) ?? []).map((k) => k.id)]));
    o.kpis.forEach((k, j) => {
      const kat = `${at}.kpis.${j}`;
      if (seenKpis.has(k.id))
        errors.push({ path: `${kat}.id`, message: `KPI ${k.id} appears twice in the file.` });
      seenKpis.add(k.id);
      const stored = context.existingKpis.get(k.id) ?? null;
      if (stored && stored.outcomeId !== o.id) {
        errors.push({ path: `${kat}.id`, message: `KPI ${k.id} belongs to another outcome in Jira.` });
      }
      // Pairing is many to one, named by the technical KPI; a business KPI's partners follow from theirs.
      if (k.pairedKpiId !== null && k.kind === 'technical') {
        const partner = byId.get(k.pairedKpiId);
        const problem = pairingProblem(
          { id: k.id, kind: k.kind, outcomeId: o.id },
          partner && { id: partner.id, kind: partner.kind, outcomeId: o.id },
        );
        if (problem) errors.push({ path: `${kat}.pairedKpiId`, message: problem });
      }
      for (const p of valueRangeProblems(
        {
          baseline: k.baseline,
          target: k.target,
          bandMin: k.bandMin,
          bandMax: k.bandMax,
          current: k.current?.value ?? null,
        },
        k.unit,
        k.customUnit,
      )) {
        errors.push({ path: `${kat}.${p.field}`, message: p.message });
      }

      const checkIns = planCheckIns(k, o.id, kat, context, seenCheckIns, errors);
      plan.checkIns.push(...checkIns);
      const draft = { ...k, outcomeId: o.id, pairedKpiId: k.kind === 'technical' ? k.pairedKpiId : null };
      const isDraft =
        checkSmart(draft, { exists: true, startDate: o.startDate, dueDate: o.dueDate }).length > 0;
      // The value that stands is the latest check-in not withdrawn, of the history as it will be stored.
      const history = [
        ...checkIns.map((c) => c.next),
        ...(storedCheckInsOf.get(k.id) ?? []).filter((c) => !checkIns.some((f) => f.next.id === c.id)),
      ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      const standing = history.length > 0 ? latestStanding(history, history[0] as CheckIn) : null;
      const value =
        history.length > 0
          ? {
              current: standing?.value ?? null,
              currentAt: standing?.at ?? null,
              currentConfidence: standing?.confidence ?? null,
            }
          : withValues
            ? {
                current: k.current?.value ?? null,
                currentAt: k.current?.at ?? null,
                currentConfidence: k.current?.confidence ?? null,
              }
            : null;
      entry.kpis.push(plannedKpi(k.id, stored, draft, isDraft, value, context.stamp));
    });
    const left = (storedKpisOf.get(o.id) ?? []).filter((k) => !byId.has(k.id));
    if (left.length > 0 && previous) {
      plan.warnings.push(
        `“${o.title}” has ${left.length === 1 ? 'a KPI' : `${left.length} KPIs`} the file does not hold (${left.map((k) => `“${k.name}”`).join(', ')}): left as ${left.length === 1 ? 'it is' : 'they are'}.`,
      );
    }
    entry.kpis.push(...releasedPartners(left, byId, context.stamp));
    const writes = writesOf(entry);
    if (writes > IMPORT_WRITES_PER_OUTCOME) {
      errors.push({
        path: at,
        message: `This outcome changes ${writes} stored records at once; an import can write at most ${IMPORT_WRITES_PER_OUTCOME} together (its KPIs and project changes). Import it with fewer KPIs, then add the rest.`,
      });
    }
  });

  plan.rules = planRules(doc, context, kpisOfOutcome, seenInFile, errors);
  if (plan.rules.some((r) => r.action !== 'unchanged')) {
    plan.warnings.push(
      'Mapping rules are restored as they were written: tickets keep the links they carry in Jira. Run a rule’s backfill to apply it to tickets changed since the export.',
    );
  }
  plan.settings = planSettings(doc.settings, context, plan.warnings);
  return plan;
}

function plannedKpi(
  id: string,
  stored: Kpi | null,
  draft: Parameters<typeof createKpi>[1],
  isDraft: boolean,
  value: Pick<Kpi, 'current' | 'currentAt' | 'currentConfidence'> | null,
  stamp: ChangeStamp,
): PlannedWrite<Kpi> {
  if (!stored) {
    const created = createKpi(id, draft, isDraft, stamp);
    const withValue = value && value.current !== null ? { ...created, ...value, valueSeq: 1 } : created;
    return { next: withValue, previous: null, action: 'create' };
  }
  const defined: Kpi = { ...stored, ...draftFields(draft), isDraft };
  const valued: Kpi = value ? { ...defined, ...value } : defined;
  const definitionChanged = kpiDefinition(valued) !== kpiDefinition(stored);
  const valueChanged = kpiValue(valued) !== kpiValue(stored);
  if (!definitionChanged && !valueChanged) return { next: stored, previous: stored, action: 'unchanged' };
  return {
    next: {
      ...valued,
      // A new value is not an edit (see withCurrent): each moves its own counter.
      version: stored.version + (definitionChanged ? 1 : 0),
      valueSeq: stored.valueSeq + (valueChanged ? 1 : 0),
      ...(definitionChanged ? { updatedAt: stamp.at.toISOString(), updatedBy: stamp.accountId } : {}),
    },
    previous: stored,
    action: 'update',
  };
}

function planCheckIns(
  k: TransferDocument['outcomes'][number]['kpis'][number],
  outcomeId: string,
  kat: string,
  context: ImportContext,
  seen: Set<string>,
  errors: FieldError[],
): PlannedWrite<CheckIn>[] {
  return k.checkIns.map((c, n) => {
    const cat = `${kat}.checkIns.${n}`;
    if (!c.id.startsWith(`${k.id}:`))
      errors.push({ path: `${cat}.id`, message: `Check-in ${c.id} is not one of KPI ${k.id}'s.` });
    if (seen.has(c.id))
      errors.push({ path: `${cat}.id`, message: `Check-in ${c.id} appears twice in the file.` });
    seen.add(c.id);
    const outside = c.withdrawn ? null : outOfRange(c.value, k.unit, k.customUnit);
    if (outside)
      errors.push({
        path: `${cat}.value`,
        message: `${outside} Withdraw that check-in or correct its value, then export again.`,
      });
    const fromFile: CheckIn = { ...c, kpiId: k.id, outcomeId };
    const stored = context.existingCheckIns.get(c.id) ?? null;
    if (!stored) return { next: fromFile, previous: null, action: 'create' };
    if (checkInContent(stored) === checkInContent(fromFile))
      return { next: stored, previous: stored, action: 'unchanged' };
    // Its revision moves on from the stored one, so a correction opened before the import cannot land on it.
    return { next: { ...fromFile, revision: stored.revision + 1 }, previous: stored, action: 'update' };
  });
}

function planRules(
  doc: TransferDocument,
  context: ImportContext,
  kpisOfOutcome: ReadonlyMap<string, ReadonlySet<string>>,
  outcomesInFile: ReadonlySet<string>,
  errors: FieldError[],
): PlannedWrite<MappingRule>[] {
  const seen = new Set<string>();
  const storedKpiIds = (outcomeId: string) =>
    new Set([...context.existingKpis.values()].filter((k) => k.outcomeId === outcomeId).map((k) => k.id));
  return doc.rules.map((r, i) => {
    const at = `document.rules.${i}`;
    if (seen.has(r.id)) errors.push({ path: `${at}.id`, message: `Rule ${r.id} appears twice in the file.` });
    seen.add(r.id);
    if (!outcomesInFile.has(r.outcomeId) && !context.visibleOutcomeIds.has(r.outcomeId)) {
      errors.push({
        path: `${at}.outcomeId`,
        message: `Its outcome ${r.outcomeId} is neither in the file nor in Jira.`,
      });
    }
    const kpis = kpisOfOutcome.get(r.outcomeId) ?? storedKpiIds(r.outcomeId);
    if (r.kpiIds.some((id) => !kpis.has(id)))
      errors.push({ path: `${at}.kpiIds`, message: 'Pick KPIs of the rule’s outcome.' });
    const stored = context.existingRules.get(r.id) ?? null;
    if (stored && stored.outcomeId !== r.outcomeId) {
      errors.push({ path: `${at}.outcomeId`, message: `Rule ${r.id} maps tickets to another outcome here.` });
    }
    const at0 = context.stamp.at.toISOString();
    const fromFile: MappingRule = {
      id: r.id,
      outcomeId: r.outcomeId,
      jql: r.jql,
      kpiIds: r.kpiIds,
      enabled: r.enabled,
      version: 1,
      createdAt: at0,
      createdBy: context.stamp.accountId,
      updatedAt: at0,
      updatedBy: context.stamp.accountId,
      lastRunId: null,
      // Its next backfill reads the tickets it already links too, so they get its KPIs.
      kpisPending: r.kpiIds.length > 0,
    };
    if (!stored) return { next: fromFile, previous: null, action: 'create' };
    if (ruleContent(stored) === ruleContent(fromFile))
      return { next: stored, previous: stored, action: 'unchanged' };
    return {
      next: {
        ...stored,
        jql: r.jql,
        kpiIds: r.kpiIds,
        enabled: r.enabled,
        version: stored.version + 1,
        updatedAt: at0,
        updatedBy: context.stamp.accountId,
        kpisPending: stored.kpisPending || !sameIds(stored.kpiIds, r.kpiIds),
      },
      previous: stored,
      action: 'update',
    };
  });
}

function planSettings(
  settings: SettingsDraft | null,
  context: ImportContext,
  warnings: string[],
): ImportPlan['settings'] {
  if (settings === null) return null;
  const same = stable(settings) === stable(context.settings.current);
  const storedBefore = context.settings.stored;
  if (same) return { next: context.settings.current, action: 'unchanged', storedBefore };
  if (!context.settings.mayChange) {
    warnings.push(
      'The file’s settings differ from this site’s, but only Jira admins change settings: they are left as they are.',
    );
    return { next: context.settings.current, action: 'kept', storedBefore };
  }
  return { next: settings, action: storedBefore ? 'update' : 'create', storedBefore };
}

/**
 * The most records one imported outcome may change: Forge's transaction limit, so each outcome lands
 * with its KPIs in one transaction or not at all.
 */
export const IMPORT_WRITES_PER_OUTCOME = 25;

/** The storage operations an imported outcome takes: itself, its KPIs, its projects added or removed; 0 if it changes nothing. */
export function writesOf({ next, previous, kpis, action }: ImportedOutcome): number {
  const before = new Set(previous?.projectKeys ?? []);
  const after = new Set(next.projectKeys);
  const moved =
    [...before].filter((k) => !after.has(k)).length + [...after].filter((k) => !before.has(k)).length;
  const kpiWrites = kpis.filter((k) => k.action !== 'unchanged').length;
  if (action === 'unchanged' && kpiWrites === 0) return 0;
  // The outcome is written, or (unchanged) checked as read, in the same transaction as its KPIs.
  return 1 + kpiWrites + moved;
}

/**
 * The outcome's stored technical KPIs the file leaves out, still naming a KPI that the file makes
 * technical: released, so no technical KPI serves another technical one.
 */
function releasedPartners(
  left: readonly Kpi[],
  inFile: ReadonlyMap<string, { kind: Kpi['kind'] }>,
  stamp: ChangeStamp,
): PlannedWrite<Kpi>[] {
  return left
    .filter((k) => k.pairedKpiId !== null && inFile.get(k.pairedKpiId)?.kind === 'technical')
    .map((k) => ({
      next: {
        ...k,
        pairedKpiId: null,
        version: k.version + 1,
        updatedAt: stamp.at.toISOString(),
        updatedBy: stamp.accountId,
      },
      previous: k,
      action: 'update' as const,
    }));
}

const tally = <T>(writes: readonly PlannedWrite<T>[]) => ({
  create: writes.filter((w) => w.action === 'create').length,
  update: writes.filter((w) => w.action === 'update').length,
  unchanged: writes.filter((w) => w.action === 'unchanged').length,
});

/** A 32-bit FNV-1a hash in hex: enough to tell one plan from another, not a secret. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Every record the plan touches, what it does to it, the version it read and what it writes (without the
 * moment it would write it): two plans with one token write alike, so an import applies the plan the
 * admin previewed or nothing.
 */
export function planToken(plan: ImportPlan): string {
  const line = <T extends { id: string }>(
    kind: string,
    w: PlannedWrite<T>,
    read: (t: T) => number,
    content: (t: T) => string,
  ) => `${kind}:${w.next.id}:${w.action}:${w.previous ? read(w.previous) : '-'}:${content(w.next)}`;
  const lines = [
    ...plan.outcomes.flatMap((o) => [
      line('outcome', o, (x) => x.version, outcomeContent),
      ...o.kpis.map((k) =>
        line(
          'kpi',
          k,
          (x) => x.version * 1_000_000 + x.valueSeq,
          (x) => kpiDefinition(x) + kpiValue(x),
        ),
      ),
    ]),
    ...plan.checkIns.map((c) => line('check-in', c, (x) => x.revision, checkInContent)),
    ...plan.rules.map((r) => line('rule', r, (x) => x.version, ruleContent)),
    `settings:${plan.settings ? `${plan.settings.action}:${stable(plan.settings.next)}` : 'absent'}`,
  ];
  return fnv1a(lines.join('\n'));
}

/** What the import will do, by kind and by name: the preview the admin confirms. */
export function summaryOf(plan: ImportPlan): ImportSummary {
  const changes: ImportSummary['changes'] = [];
  const named = <T extends { id: string }>(
    kind: ImportSummary['changes'][number]['kind'],
    w: PlannedWrite<T>,
    name: string,
  ) => {
    if (w.action !== 'unchanged' && changes.length < 200)
      changes.push({ kind, id: w.next.id, name, action: w.action });
  };
  for (const o of plan.outcomes) {
    named('outcome', o, o.next.title);
    for (const k of o.kpis) named('KPI', k, k.next.name);
  }
  for (const r of plan.rules) named('rule', r, r.next.jql);
  const kpis = plan.outcomes.flatMap((o) => o.kpis);
  const settingsAction = plan.settings?.action ?? 'absent';
  if (settingsAction === 'create' || settingsAction === 'update') {
    changes.push({ kind: 'settings', id: 'site', name: 'Health thresholds', action: settingsAction });
  }
  return {
    outcomes: tally(plan.outcomes),
    kpis: tally(kpis),
    checkIns: tally(plan.checkIns),
    rules: tally(plan.rules),
    settings: settingsAction,
    changes,
    warnings: plan.warnings,
    token: planToken(plan),
  };
}
