import type { FieldError } from '../../contract/envelope';
import { TRANSFER_FORMAT } from '../../contract/limits';
import { fieldErrorsOf, inPlace, inWords } from '../../contract/messages';
import { type TransferDocument, TransferDocumentSchema } from '../../contract/transfer';
import { AppError, forbidden, validationFailed } from '../../domain/errors';
import { planImport } from '../../domain/transfer';
import { listAllKpis } from '../../platform/storage/kpi-repository';
import { listOutcomes, writeImportedOutcome } from '../../platform/storage/outcome-repository';
import { canManageAll, canSee, requireAdminPage } from '../shared/access';
import { sourceProblems } from '../shared/jql-check';
import { blindPeople, lookUpNamedPeople } from './check-draft';
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
        .filter((o) => canSee(access, o))
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

/** The JQL of the file's computed KPIs, checked as a KPI saved by hand is: parsed, then run once. */
async function jqlProblems(doc: TransferDocument): Promise<FieldError[]> {
  const found = await Promise.all(
    doc.outcomes.flatMap((o, i) =>
      o.kpis.map(async (k, j) =>
        (await sourceProblems(k.source, o.projectKeys)).map((e) => ({
          path: e.path.replace(/^draft\./, `document.outcomes.${i}.kpis.${j}.`),
          message: e.message,
        })),
      ),
    ),
  );
  return found.flat();
}

/**
 * Imports a file: the schema, then every rule an edit would face (projects the caller administers, now
 * and in the file; people and parents that exist; no loops; pairings within an outcome and across kinds;
 * JQL Jira accepts). Any problem rejects the whole file with its first errors, before anything is
 * written. KPIs that are not SMART come in as drafts, as they could be saved by hand. Each outcome lands
 * with its KPIs in one transaction, guarded by the versions the plan read, so an edit made meanwhile is
 * never overwritten unseen (Forge's 25-operation transactions rule out one for the whole file).
 */
export const importOp = adminOperation('transfer/import', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async ({ document }, caller, access) => {
    const parsed = TransferDocumentSchema.safeParse(document, { error: inWords });
    if (!parsed.success) {
      throw validationFailed(
        fieldErrorsOf(parsed.error, ['document']).slice(0, FIRST_ERRORS),
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
    const [existing, existingKpis, named] = await Promise.all([
      listOutcomes(),
      listAllKpis(),
      lookUpNamedPeople(doc.outcomes, access.projects),
    ]);
    // An outcome the file overwrites must be the importer's to manage where it is now, not only where
    // the file would put it.
    const storedById = new Map(existing.map((o) => [o.id, o]));
    const taken = doc.outcomes.filter((o) => {
      const stored = storedById.get(o.id);
      return stored !== undefined && !canManageAll(access, stored.projectKeys);
    });
    if (taken.length > 0) {
      // A stored outcome of projects the caller cannot see is named by the file's title, its own kept unsaid.
      const titleOf = (o: (typeof taken)[number]) => {
        const stored = storedById.get(o.id);
        return stored && canSee(access, stored) ? stored.title : o.title;
      };
      throw forbidden(
        `The file would change outcomes of projects you do not administer (${taken
          .map(titleOf)
          .slice(0, 3)
          .join('; ')}). Nothing was imported.`,
      );
    }
    const plan = planImport(doc, {
      existingOutcomes: existing,
      visibleOutcomeIds: new Set(existing.filter((o) => canSee(access, o)).map((o) => o.id)),
      existingKpis: new Map([...existingKpis.values()].flat().map((k) => [k.id, k])),
      knownProjects: new Set(access.projects.map((p) => p.key)),
      knownUsers: new Set(named.users.keys()),
      stamp: { accountId: caller.accountId, at: new Date() },
    });
    plan.errors.push(
      ...doc.outcomes.flatMap((o, i) => blindPeople(o, named, `document.outcomes.${i}`)),
      ...(await jqlProblems(doc)),
    );
    if (plan.errors.length > 0) {
      throw validationFailed(
        plan.errors.slice(0, FIRST_ERRORS).map((e) => inPlace(e, { nameField: false })),
        `The file was not imported: ${plan.errors.length} problem(s). Nothing was changed.`,
      );
    }
    let written = 0;
    for (const entry of plan.outcomes) {
      try {
        await writeImportedOutcome(entry);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
        throw new AppError(
          'CONFLICT',
          `${error.message} ${written} of the file's ${plan.outcomes.length} outcomes were imported before it; the rest were not. Import the file again to apply it over their change.`,
        );
      }
      written++;
    }
    return { created: plan.created, updated: plan.updated, kpis: plan.kpiCount };
  },
});
