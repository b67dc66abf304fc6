import { AppError, validationFailed } from '../../domain/errors';
import { createKpi, type Kpi, reviseKpi, withCurrent } from '../../domain/kpi';
import { kindChangeProblem, releasedBy } from '../../domain/kpi-pairing';
import { outOfRange } from '../../domain/units';
import { newKpiId, newSuffix } from '../../platform/ids';
import { getUsers } from '../../platform/jira/users';
import { conflictNaming } from '../../platform/storage/conflicts';
import {
  applyKpiChanges,
  checkInKeysOfKpi,
  deleteKpiRecords,
  getKpi,
  KpiValueMoved,
  listCheckIns,
  listKpisOfOutcome,
  newCheckInId,
  retryOnNewValue,
} from '../../platform/storage/kpi-repository';
import { refreshKpi } from '../../use-cases/kpi-refresh';
import { canManageAll, requireAdminPage } from '../shared/access';
import { peopleOfCheckIns, toCheckInView } from '../shared/check-ins';
import { checkJql, hiddenFromApp } from '../shared/jql-check';
import { manageableKpi, manageableOutcome, readableKpi } from './guards';
import { checkKpiDraft } from './kpi-rules';
import { adminOperation } from './operation';
import { outcomeDetail } from './outcome-detail';

/** The outcome's KPIs as stored now, and pairing changes to the others guarded by what was read. */
const partnerWrites = (partners: Kpi[], siblings: readonly Kpi[]) =>
  partners.map((p) => ({ next: p, base: siblings.find((k) => k.id === p.id) ?? null }));

export const createKpiOp = adminOperation('kpis/create', {
  authorize: ({ draft }, caller) => manageableOutcome(caller, draft.outcomeId),
  run: async ({ draft, saveAsDraft }, caller, { access, outcome }) => {
    const id = newKpiId();
    const kpi = await retryOnNewValue(async () => {
      const siblings = await listKpisOfOutcome(outcome.id);
      const { isDraft } = await checkKpiDraft(draft, { id, outcome, siblings, saveAsDraft });
      const stamp = { accountId: caller.accountId, at: caller.now };
      const created = createKpi(id, draft, isDraft, stamp);
      // A technical KPI names its business KPI; nothing else changes (pairing is many to one).
      await applyKpiChanges({ put: [{ next: created, base: null }], remove: [], checkIns: [] });
      return created;
    });
    // A KPI Jira computes gets its first value right away rather than at the next scheduled refresh.
    if (kpi.source.type !== 'manual') await refreshKpi(kpi, outcome.projectKeys, caller.now);
    return outcomeDetail(outcome, access, caller.now);
  },
});

export const updateKpiOp = adminOperation('kpis/update', {
  authorize: ({ id }, caller) => manageableKpi(caller, id),
  run: async ({ id, draft, expectedVersion, saveAsDraft }, caller, { access, outcome, kpi: loaded }) => {
    if (draft.outcomeId !== loaded.outcomeId) {
      throw validationFailed([
        { path: 'draft.outcomeId', message: 'A KPI stays with its outcome; create a new one instead.' },
      ]);
    }
    const saved = await retryOnNewValue(async () => {
      const all = await listKpisOfOutcome(outcome.id);
      const kpi = all.find((k) => k.id === id);
      if (!kpi) throw validationFailed([{ path: 'id', message: 'Someone deleted this KPI meanwhile.' }]);
      if (kpi.version !== expectedVersion) throw await conflictOf(kpi);
      const siblings = all.filter((k) => k.id !== id);
      const kindProblem = kindChangeProblem(kpi, draft.kind, siblings);
      if (kindProblem) throw validationFailed([{ path: 'draft.kind', message: kindProblem }]);
      const { isDraft } = await checkKpiDraft(draft, { id, outcome, siblings, saveAsDraft });
      const stamp = { accountId: caller.accountId, at: caller.now };
      const next = reviseKpi(kpi, draft, isDraft, stamp);
      await applyKpiChanges({ put: [{ next, base: kpi }], remove: [], checkIns: [] });
      return { before: kpi, next };
    });
    const sourceChanged = JSON.stringify(saved.next.source) !== JSON.stringify(saved.before.source);
    if (sourceChanged && saved.next.source.type !== 'manual')
      await refreshKpi(saved.next, outcome.projectKeys, caller.now);
    return outcomeDetail(outcome, access, caller.now);
  },
});

/** Deleting a business KPI also unpairs the technical KPIs that named it, in the same transaction; its check-ins go after. */
export const deleteKpiOp = adminOperation('kpis/delete', {
  authorize: ({ id }, caller) => manageableKpi(caller, id),
  run: async ({ id, expectedVersion }, caller, { access, outcome }) => {
    await retryOnNewValue(async () => {
      const all = await listKpisOfOutcome(outcome.id);
      const kpi = all.find((k) => k.id === id);
      if (!kpi) return;
      if (kpi.version !== expectedVersion) throw await conflictOf(kpi);
      const siblings = all.filter((k) => k.id !== id);
      // The technical KPIs that moved a deleted business KPI are left unpaired, in the same transaction.
      const partners = releasedBy(id, siblings, { accountId: caller.accountId, at: caller.now });
      await applyKpiChanges({ put: partnerWrites(partners, siblings), remove: [{ kpi }], checkIns: [] });
    });
    await deleteKpiRecords({ checkInKeys: await checkInKeysOfKpi(id), kpiIds: [] });
    return outcomeDetail(outcome, access, caller.now);
  },
});

/**
 * A check-in is appended to the history and becomes the KPI's current value, in one transaction.
 * Two people checking in at once both keep their value: a lost race is retried on the fresh KPI.
 */
export const checkInOp = adminOperation('kpis/check-in', {
  authorize: ({ kpiId }, caller) => manageableKpi(caller, kpiId),
  run: async ({ kpiId, value, confidence, note }, caller, { access, outcome, kpi: loaded }) => {
    // A computed KPI's value is Jira's count; a hand-entered one would be overwritten at the next refresh.
    if (loaded.source.type !== 'manual') {
      throw validationFailed(
        [
          {
            path: 'value',
            message: 'This KPI is counted from Jira with JQL: refresh it instead of checking in.',
          },
        ],
        'This KPI is counted from Jira with JQL; its value comes from the refresh, not from a check-in.',
      );
    }
    const outside = outOfRange(value, loaded.unit, loaded.customUnit);
    if (outside) throw validationFailed([{ path: 'value', message: outside }], outside);
    let kpi = loaded;
    await retryOnNewValue(async () => {
      const at = caller.now;
      try {
        await applyKpiChanges({
          put: [{ next: withCurrent(kpi, value, confidence, at), base: kpi }],
          remove: [],
          checkIns: [
            {
              id: newCheckInId(kpi.id, at.toISOString(), newSuffix()),
              kpiId: kpi.id,
              outcomeId: kpi.outcomeId,
              value,
              confidence,
              note,
              authorId: caller.accountId,
              source: 'manual',
              at: at.toISOString(),
            },
          ],
        });
      } catch (error) {
        // Someone edited or checked in meanwhile: a check-in applies on top of whatever is there now.
        const fresh =
          error instanceof AppError || error instanceof KpiValueMoved ? await getKpi(kpiId) : null;
        if (!fresh) throw error;
        kpi = fresh;
        throw new KpiValueMoved();
      }
    });
    return outcomeDetail(outcome, access, caller.now);
  },
});

const conflictOf = (kpi: Kpi) => conflictNaming('KPI', kpi);

export const kpiHistoryOp = adminOperation('kpis/history', {
  authorize: ({ id }, caller) => readableKpi(caller, id),
  run: async ({ id, cursor }, caller, { access, outcome }) => {
    const page = await listCheckIns(id, cursor);
    const users = await getUsers(peopleOfCheckIns(page.checkIns));
    const viewer = { accountId: caller.accountId, managesOutcome: canManageAll(access, outcome.projectKeys) };
    return {
      checkIns: page.checkIns.map((c) => toCheckInView(c, users, viewer)),
      nextCursor: page.nextCursor,
    };
  },
});

export const refreshKpiOp = adminOperation('kpis/refresh', {
  authorize: ({ id }, caller) => manageableKpi(caller, id),
  run: async (_input, caller, { access, outcome, kpi }) => {
    if (kpi.source.type === 'manual') {
      throw validationFailed([
        { path: 'id', message: 'This KPI is checked in by people; there is nothing to refresh.' },
      ]);
    }
    await refreshKpi(kpi, outcome.projectKeys, caller.now);
    return outcomeDetail(outcome, access, caller.now);
  },
});

export const checkJqlOp = adminOperation('jql/check', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async ({ jql, typed }) => {
    const check = await checkJql(jql, typed ?? jql);
    return { ...check, hiddenFromApp: check.valid ? await hiddenFromApp(jql) : null };
  },
});
