import { TRANSFER_FORMAT } from '../../contract/limits';
import { type TransferDocument, TransferDocumentSchema } from '../../contract/transfer';
import { forbidden, validationFailed } from '../../domain/errors';
import { planImport } from '../../domain/transfer';
import { getUsers } from '../../platform/jira/users';
import { listAllKpis, overwriteKpis } from '../../platform/storage/kpi-repository';
import { listOutcomes, overwriteOutcomes } from '../../platform/storage/outcome-repository';
import { canManageAll, requireAdminPage } from '../shared/access';
import { draftOf } from './kpi-view';
import { adminOperation } from './operation';

/** Every outcome the caller can see, with its KPIs, in the import format. */
export const exportOp = adminOperation('transfer/export', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async (_input, _caller, access): Promise<TransferDocument> => {
    const [outcomes, kpis] = await Promise.all([listOutcomes(), listAllKpis()]);
    return {
      format: TRANSFER_FORMAT,
      exportedAt: new Date().toISOString(),
      outcomes: outcomes
        .filter((o) => o.projectKeys.some((k) => access.browsable.has(k)))
        .map((o) => ({
          id: o.id,
          title: o.title,
          statement: o.statement,
          projectKeys: o.projectKeys,
          businessOwnerId: o.businessOwnerId,
          technologyOwnerId: o.technologyOwnerId,
          startDate: o.startDate,
          dueDate: o.dueDate,
          state: o.state,
          parentId: o.parentId,
          roles: o.roles,
          rollup: o.rollup,
          kpis: (kpis.get(o.id) ?? []).map((k) => {
            const { outcomeId: _outcomeId, ...draft } = draftOf(k);
            return { id: k.id, ...draft };
          }),
        })),
    };
  },
});

const FIRST_ERRORS = 10;

/**
 * Imports a file all or nothing: the schema, then every rule an edit would face (projects the caller
 * administers, people and parents that exist, no loops, pairings within an outcome and across kinds).
 * Any problem rejects the whole file with its first errors, before anything is written. KPIs that are
 * not SMART come in as drafts, as they could be saved by hand.
 */
export const importOp = adminOperation('transfer/import', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async ({ document }, caller, access) => {
    const parsed = TransferDocumentSchema.safeParse(document);
    if (!parsed.success) {
      const errors = parsed.error.issues.slice(0, FIRST_ERRORS).map((i) => ({
        path: ['document', ...i.path.map(String)].join('.'),
        message: i.message,
      }));
      throw validationFailed(
        errors,
        `The file was not imported: ${parsed.error.issues.length} problem(s). Nothing was changed.`,
      );
    }
    const doc = parsed.data;
    const notMine = doc.outcomes.filter((o) => !canManageAll(access, o.projectKeys));
    if (notMine.length > 0) {
      throw forbidden(
        `The file has outcomes in projects you do not administer (${notMine
          .map((o) => o.title)
          .slice(0, 3)
          .join('; ')}). Nothing was imported.`,
      );
    }
    const [existing, existingKpis, users] = await Promise.all([
      listOutcomes(),
      listAllKpis(),
      getUsers(
        doc.outcomes.flatMap((o) => [
          ...[o.businessOwnerId, o.technologyOwnerId].filter((id) => id !== null),
          ...o.roles.decides,
          ...o.roles.advises,
          ...o.roles.escalatedTo,
        ]),
      ),
    ]);
    const plan = planImport(doc, {
      existingOutcomes: existing,
      existingKpis: new Map([...existingKpis.values()].flat().map((k) => [k.id, k])),
      knownProjects: new Set(access.projects.map((p) => p.key)),
      knownUsers: new Set(users.keys()),
      stamp: { accountId: caller.accountId, at: new Date() },
    });
    if (plan.errors.length > 0) {
      throw validationFailed(
        plan.errors.slice(0, FIRST_ERRORS),
        `The file was not imported: ${plan.errors.length} problem(s). Nothing was changed.`,
      );
    }
    await overwriteOutcomes(plan.outcomes);
    await overwriteKpis(plan.kpis);
    return { created: plan.created, updated: plan.updated, kpis: plan.kpis.length };
  },
});
