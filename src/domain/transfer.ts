import type { FieldError } from '../contract/envelope';
import type { TransferDocument } from '../contract/transfer';
import { wouldCreateCycle } from './alignment';
import { checkSmart, createKpi, type Kpi, pairingProblem, reviseKpi } from './kpi';
import {
  type ChangeStamp,
  checkOutcomeRules,
  createOutcome,
  notAUser,
  type Outcome,
  peopleByRole,
  reviseOutcome,
} from './outcome';

export interface ImportContext {
  existingOutcomes: readonly Outcome[];
  /** Stored outcomes the importer may see: only these (or the file's own) can become a parent. */
  visibleOutcomeIds: ReadonlySet<string>;
  existingKpis: ReadonlyMap<string, Kpi>;
  knownProjects: ReadonlySet<string>;
  knownUsers: ReadonlySet<string>;
  stamp: ChangeStamp;
}

/** One stored record's next state, and the state it was read in (null for a new one). */
export interface PlannedWrite<T> {
  next: T;
  previous: T | null;
}

/** An outcome of the file with its KPIs: written together, so an outcome never lands without them. */
export interface ImportedOutcome extends PlannedWrite<Outcome> {
  kpis: PlannedWrite<Kpi>[];
}

export interface ImportPlan {
  errors: FieldError[];
  outcomes: ImportedOutcome[];
  /** KPIs in the file (stored KPIs the file only unpairs are not counted). */
  kpiCount: number;
  created: number;
  updated: number;
}

/**
 * Checks an import file against every rule an edit would face and plans the writes. Pure: the caller
 * writes only when `errors` is empty, so a bad file changes nothing.
 */
export function planImport(doc: TransferDocument, context: ImportContext): ImportPlan {
  const errors: FieldError[] = [];
  const existing = new Map(context.existingOutcomes.map((o) => [o.id, o]));
  const parentOf = new Map<string, string | null>(context.existingOutcomes.map((o) => [o.id, o.parentId]));
  for (const o of doc.outcomes) parentOf.set(o.id, o.parentId);
  const seenInFile = new Set(doc.outcomes.map((o) => o.id));
  const seenOutcomes = new Set<string>();
  const seenKpis = new Set<string>();
  const plan: ImportPlan = { errors, outcomes: [], kpiCount: 0, created: 0, updated: 0 };
  const storedKpisOf = new Map<string, Kpi[]>();
  for (const k of context.existingKpis.values()) {
    storedKpisOf.set(k.outcomeId, [...(storedKpisOf.get(k.outcomeId) ?? []), k]);
  }

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
    const next = previous ? reviseOutcome(previous, o, context.stamp) : createOutcome(o.id, o, context.stamp);
    const entry: ImportedOutcome = { next, previous, kpis: [] };
    plan.outcomes.push(entry);
    if (previous) plan.updated++;
    else plan.created++;

    const byId = new Map(o.kpis.map((k) => [k.id, k]));
    o.kpis.forEach((k, j) => {
      const kat = `${at}.kpis.${j}`;
      if (seenKpis.has(k.id))
        errors.push({ path: `${kat}.id`, message: `KPI ${k.id} appears twice in the file.` });
      seenKpis.add(k.id);
      const stored = context.existingKpis.get(k.id);
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
      const draft = { ...k, outcomeId: o.id, pairedKpiId: k.kind === 'technical' ? k.pairedKpiId : null };
      const isDraft =
        checkSmart(draft, { exists: true, startDate: o.startDate, dueDate: o.dueDate }).length > 0;
      entry.kpis.push({
        next: stored
          ? reviseKpi(stored, draft, isDraft, context.stamp)
          : createKpi(k.id, draft, isDraft, context.stamp),
        previous: stored ?? null,
      });
      plan.kpiCount++;
    });
    entry.kpis.push(...releasedPartners(storedKpisOf.get(o.id) ?? [], byId, context.stamp));
    const writes = writesOf(entry);
    if (writes > IMPORT_WRITES_PER_OUTCOME) {
      errors.push({
        path: at,
        message: `This outcome changes ${writes} stored records at once; an import can write at most ${IMPORT_WRITES_PER_OUTCOME} together (its KPIs and project changes). Import it with fewer KPIs, then add the rest.`,
      });
    }
  });
  return plan;
}

/**
 * The most records one imported outcome may change: Forge's transaction limit, so each outcome lands
 * with its KPIs in one transaction or not at all.
 */
export const IMPORT_WRITES_PER_OUTCOME = 25;

/** The records an imported outcome changes: itself, its KPIs, and its projects added or removed. */
export function writesOf({ next, previous, kpis }: ImportedOutcome): number {
  const before = new Set(previous?.projectKeys ?? []);
  const after = new Set(next.projectKeys);
  const moved =
    [...before].filter((k) => !after.has(k)).length + [...after].filter((k) => !before.has(k)).length;
  return 1 + kpis.length + moved;
}

/**
 * The outcome's stored technical KPIs the file leaves out, still naming a KPI that the file makes
 * technical: released, so no technical KPI serves another technical one.
 */
function releasedPartners(
  stored: readonly Kpi[],
  inFile: ReadonlyMap<string, { kind: Kpi['kind'] }>,
  stamp: ChangeStamp,
): PlannedWrite<Kpi>[] {
  return stored
    .filter((k) => !inFile.has(k.id) && k.pairedKpiId !== null)
    .filter((k) => inFile.get(k.pairedKpiId ?? '')?.kind === 'technical')
    .map((k) => ({
      next: {
        ...k,
        pairedKpiId: null,
        version: k.version + 1,
        updatedAt: stamp.at.toISOString(),
        updatedBy: stamp.accountId,
      },
      previous: k,
    }));
}
