import { AppError, validationFailed } from '../../domain/errors';
import { createKpi, reviseKpi, withCurrent } from '../../domain/kpi';
import { pairingUpdates } from '../../domain/kpi-pairing';
import { refreshKpi } from '../../jobs/kpi-refresh';
import { newKpiId, newSuffix } from '../../platform/ids';
import { getUsers } from '../../platform/jira/users';
import {
  applyKpiChanges,
  checkInKeysOfKpi,
  deleteKpiRecords,
  getKpi,
  listCheckIns,
  listKpisOfOutcome,
  newCheckInId,
} from '../../platform/storage/kpi-repository';
import { requireAdminPage } from '../shared/access';
import { checkJql } from '../shared/jql-check';
import { person } from '../shared/views';
import { manageableKpi, manageableOutcome, readableOutcome } from './guards';
import { checkKpiDraft } from './kpi-rules';
import { adminOperation } from './operation';
import { outcomeDetail } from './outcome-detail';

export const createKpiOp = adminOperation('kpis/create', {
  authorize: ({ draft }, caller) => manageableOutcome(caller, draft.outcomeId),
  run: async ({ draft, saveAsDraft }, caller, { access, outcome }) => {
    const id = newKpiId();
    const siblings = await listKpisOfOutcome(outcome.id);
    const { isDraft } = await checkKpiDraft(draft, { id, outcome, siblings, saveAsDraft });
    const stamp = { accountId: caller.accountId, at: new Date() };
    const kpi = createKpi(id, draft, isDraft, stamp);
    const partners = pairingUpdates(kpi, null, siblings, stamp);
    await applyKpiChanges({
      put: [
        { next: kpi, expectedVersion: null },
        ...partners.map((p) => ({ next: p, expectedVersion: p.version - 1 })),
      ],
      remove: [],
      checkIns: [],
    });
    // A KPI Jira computes gets its first value right away rather than at the next scheduled refresh.
    if (kpi.source.type !== 'manual') await refreshKpi(kpi);
    return outcomeDetail(outcome, access);
  },
});

export const updateKpiOp = adminOperation('kpis/update', {
  authorize: ({ id }, caller) => manageableKpi(caller, id),
  run: async ({ id, draft, expectedVersion, saveAsDraft }, caller, { access, outcome, kpi }) => {
    if (draft.outcomeId !== kpi.outcomeId) {
      throw validationFailed([
        { path: 'draft.outcomeId', message: 'A KPI stays with its outcome; create a new one instead.' },
      ]);
    }
    const siblings = (await listKpisOfOutcome(outcome.id)).filter((k) => k.id !== id);
    const { isDraft } = await checkKpiDraft(draft, { id, outcome, siblings, saveAsDraft });
    const stamp = { accountId: caller.accountId, at: new Date() };
    const next = { ...reviseKpi(kpi, draft, isDraft, stamp), version: expectedVersion + 1 };
    const partners = pairingUpdates(next, kpi.pairedKpiId, siblings, stamp);
    await applyKpiChanges({
      put: [{ next, expectedVersion }, ...partners.map((p) => ({ next: p, expectedVersion: p.version - 1 }))],
      remove: [],
      checkIns: [],
    });
    const sourceChanged = JSON.stringify(next.source) !== JSON.stringify(kpi.source);
    if (sourceChanged && next.source.type !== 'manual') await refreshKpi(next);
    return outcomeDetail(outcome, access);
  },
});

/** Deleting a KPI also unpairs its partner, in the same transaction; its check-ins go after. */
export const deleteKpiOp = adminOperation('kpis/delete', {
  authorize: ({ id }, caller) => manageableKpi(caller, id),
  run: async ({ id, expectedVersion }, caller, { access, outcome, kpi }) => {
    const siblings = (await listKpisOfOutcome(outcome.id)).filter((k) => k.id !== id);
    const partners = pairingUpdates({ id, pairedKpiId: null }, kpi.pairedKpiId, siblings, {
      accountId: caller.accountId,
      at: new Date(),
    });
    await applyKpiChanges({
      put: partners.map((p) => ({ next: p, expectedVersion: p.version - 1 })),
      remove: [{ kpi, expectedVersion }],
      checkIns: [],
    });
    await deleteKpiRecords({ checkInKeys: await checkInKeysOfKpi(id), kpiIds: [] });
    return outcomeDetail(outcome, access);
  },
});

/**
 * A check-in is appended to the history and becomes the KPI's current value, in one transaction.
 * Two people checking in at once both keep their value: a lost race is retried on the fresh KPI.
 */
export const checkInOp = adminOperation('kpis/check-in', {
  authorize: ({ kpiId }, caller) => manageableKpi(caller, kpiId),
  run: async ({ kpiId, value, confidence, note }, caller, { access, outcome, kpi: loaded }) => {
    for (let attempt = 1, kpi = loaded; ; attempt++) {
      const at = new Date();
      try {
        await applyKpiChanges({
          put: [
            { next: withCurrent(kpi, value, confidence, at, caller.accountId), expectedVersion: kpi.version },
          ],
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
        return outcomeDetail(outcome, access);
      } catch (error) {
        const lostRace = error instanceof AppError && error.code === 'CONFLICT' && attempt < 3;
        const fresh = lostRace ? await getKpi(kpiId) : null;
        if (!fresh) throw error;
        kpi = fresh;
      }
    }
  },
});

export const kpiHistoryOp = adminOperation('kpis/history', {
  authorize: async ({ id }, caller) => {
    const kpi = await getKpi(id);
    if (!kpi) throw validationFailed([{ path: 'id', message: 'This KPI no longer exists.' }]);
    return readableOutcome(caller, kpi.outcomeId);
  },
  run: async ({ id, cursor }) => {
    const page = await listCheckIns(id, cursor);
    const users = await getUsers(page.checkIns.flatMap((c) => (c.authorId ? [c.authorId] : [])));
    return {
      checkIns: page.checkIns.map((c) => ({
        id: c.id,
        kpiId: c.kpiId,
        value: c.value,
        confidence: c.confidence,
        note: c.note,
        author: c.authorId ? person(users, c.authorId) : null,
        source: c.source,
        at: c.at,
      })),
      nextCursor: page.nextCursor,
    };
  },
});

export const refreshKpiOp = adminOperation('kpis/refresh', {
  authorize: ({ id }, caller) => manageableKpi(caller, id),
  run: async (_input, _caller, { access, outcome, kpi }) => {
    if (kpi.source.type === 'manual') {
      throw validationFailed([
        { path: 'id', message: 'This KPI is checked in by people; there is nothing to refresh.' },
      ]);
    }
    await refreshKpi(kpi);
    return outcomeDetail(outcome, access);
  },
});

export const checkJqlOp = adminOperation('jql/check', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async ({ jql }) => checkJql(jql),
});
