import type { FieldError } from '../../contract/envelope';
import { formatIsoDay } from '../../domain/dates';
import { forbidden, validationFailed } from '../../domain/errors';
import { checkSmart, type Kpi, publicationChanges } from '../../domain/kpi';
import { type Outcome, reviseOutcome } from '../../domain/outcome';
import { rollupBasis } from '../../domain/rollup';
import { MAX_BATCH } from '../../platform/storage/entities';
import { listKpisOfOutcome, retryOnNewValue } from '../../platform/storage/kpi-repository';
import { conflictWith, replaceOutcome } from '../../platform/storage/outcome-repository';
import { startReconcile } from '../../use-cases/reconcile';
import { canManageAll } from '../shared/access';
import { checkDraft } from './check-draft';
import { manageableOutcome } from './guards';
import { draftOf, timeframeOf } from './kpi-view';
import { adminOperation } from './operation';
import { outcomeDetail } from './outcome-detail';

interface Move {
  id: string;
  dueDate: string;
  expectedVersion: number;
}

const named = (list: readonly { name: string; dueDate: string | null }[]) =>
  list.map((k) => `“${k.name}”${k.dueDate ? ` (due ${formatIsoDay(k.dueDate)})` : ''}`).join(', ');

/**
 * The KPI writes an outcome save makes with it: due dates the user moved (an edit of the KPI, by them) and
 * draft marks the new timeframe changes (derived, no new version). Refuses a move of a KPI not on this
 * outcome or changed since the user read it, and unpublishing a KPI the user did not confirm.
 */
async function kpiWritesOf(
  next: Outcome,
  kpis: readonly Kpi[],
  moves: readonly Move[],
  confirmed: ReadonlySet<string>,
  stamp: { accountId: string; at: Date },
) {
  const byId = new Map(kpis.map((k) => [k.id, k]));
  const errors: FieldError[] = [];
  // Each message names its KPI, so they are all the list's (the form shows them with the KPIs it lists).
  moves.forEach((m) => {
    const kpi = byId.get(m.id);
    if (!kpi) errors.push({ path: 'kpiDueDates', message: `KPI ${m.id} is not one of this outcome’s.` });
    else if (kpi.version !== m.expectedVersion) {
      errors.push({
        path: 'kpiDueDates',
        message: `Someone changed the KPI “${kpi.name}” after you opened this outcome. Reload, then move its due date again.`,
      });
    }
  });
  if (errors.length > 0) throw validationFailed(errors);
  const moved = new Map(moves.map((m) => [m.id, m.dueDate]));
  const changes = publicationChanges(
    kpis.map((k) => ({ ...draftOf(k), id: k.id, isDraft: k.isDraft })),
    timeframeOf(next),
    moved,
  );
  const unconfirmed = changes.unpublished.filter((k) => !confirmed.has(k.id));
  if (unconfirmed.length > 0) {
    const message = `These dates leave ${unconfirmed.length === 1 ? 'a published KPI' : `${unconfirmed.length} published KPIs`} due outside the outcome’s timeframe, so ${unconfirmed.length === 1 ? 'it would become a draft' : 'they would become drafts'} and leave KPI progress and health: ${named(unconfirmed)}. Move ${unconfirmed.length === 1 ? 'its due date' : 'their due dates'} inside ${formatIsoDay(next.startDate ?? '')} to ${formatIsoDay(next.dueDate ?? '')}, or confirm that ${unconfirmed.length === 1 ? 'it becomes a draft' : 'they become drafts'}.`;
    throw validationFailed([{ path: 'confirmUnpublish', message }], message);
  }
  const writes = kpis.flatMap((kpi) => {
    const dueDate = moved.get(kpi.id);
    const isDraft =
      checkSmart({ ...draftOf(kpi), dueDate: dueDate ?? kpi.dueDate }, timeframeOf(next)).length > 0;
    if (dueDate === undefined && isDraft === kpi.isDraft) return [];
    const edited =
      dueDate === undefined || dueDate === kpi.dueDate
        ? kpi
        : {
            ...kpi,
            dueDate,
            version: kpi.version + 1,
            updatedAt: stamp.at.toISOString(),
            updatedBy: stamp.accountId,
          };
    return [{ next: { ...edited, isDraft }, base: kpi }];
  });
  const movedKpis = moves
    .filter((m) => byId.get(m.id)?.dueDate !== m.dueDate)
    .map((m) => ({ id: m.id, name: byId.get(m.id)?.name ?? '', dueDate: m.dueDate }));
  return { writes, changes: { ...changes, moved: movedKpis } };
}

export const updateOutcomeOp = adminOperation('outcomes/update', {
  authorize: async ({ id, draft }, caller) => {
    const found = await manageableOutcome(caller, id);
    // Moving an outcome into another project needs admin rights there too.
    if (!canManageAll(found.access, draft.projectKeys)) {
      throw forbidden('You can move outcomes only into projects you administer.');
    }
    return found;
  },
  run: async (
    { draft: sent, expectedVersion, kpiDueDates, confirmUnpublish },
    caller,
    { access, outcome: existing },
  ) => {
    if (existing.version !== expectedVersion) throw await conflictWith(existing);
    // Projects the editor cannot see were never shown to them, so leaving them out removes nothing.
    const unseen = existing.projectKeys.filter((key) => !access.browsable.has(key));
    const draft = { ...sent, projectKeys: [...new Set([...sent.projectKeys, ...unseen])] };
    await checkDraft(draft, access, existing);
    const stamp = { accountId: caller.accountId, at: caller.now };
    const next = reviseOutcome(existing, draft, stamp);
    const confirmed = new Set(confirmUnpublish);
    // One transaction: the outcome and every KPI whose due date or draft mark changes, each guarded by the
    // state read (its project index is written beside it: replaceOutcome). A new KPI value is read again.
    const changes = await retryOnNewValue(async () => {
      const kpis = await listKpisOfOutcome(existing.id);
      const planned = await kpiWritesOf(next, kpis, kpiDueDates, confirmed, stamp);
      if (1 + planned.writes.length > MAX_BATCH) {
        throw validationFailed(
          [{ path: 'kpiDueDates', message: 'Too many KPIs change with these dates to save them together.' }],
          `Saving these dates changes ${planned.writes.length} KPIs at once, more than one save can hold. Move some KPI due dates first, then save the dates.`,
        );
      }
      await replaceOutcome(next, expectedVersion, existing, planned.writes);
      return planned.changes;
    });
    // A new rollup method or start date changes every ticket's contribution: recompute in the background.
    if (rollupBasis(next) !== rollupBasis(existing)) await startReconcile([next.id], 'recount', caller.now);
    return { ...(await outcomeDetail(next, access, caller.now)).outcome, kpiChanges: changes };
  },
});
