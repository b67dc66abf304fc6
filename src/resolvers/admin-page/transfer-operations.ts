import type { FieldError } from '../../contract/envelope';
import { TRANSFER_FORMAT } from '../../contract/limits';
import { fieldErrorsOf, inPlace, inWords } from '../../contract/messages';
import { type ImportSummary, type TransferDocument, TransferDocumentSchema } from '../../contract/transfer';
import type { CheckIn } from '../../domain/check-in';
import { AppError, forbidden, validationFailed } from '../../domain/errors';
import type { Kpi } from '../../domain/kpi';
import { type MappingRule, sameIds } from '../../domain/mapping-rule';
import type { Outcome } from '../../domain/outcome';
import { rollupBasis } from '../../domain/rollup';
import { type ImportPlan, planImport, planToken, summaryOf } from '../../domain/transfer';
import { allCheckIns, listAllKpis, writeImportedCheckIns } from '../../platform/storage/kpi-repository';
import { listOutcomes, writeImportedOutcome } from '../../platform/storage/outcome-repository';
import { listRules, saveRule } from '../../platform/storage/rule-repository';
import { getSettings, saveSettings } from '../../platform/storage/settings-repository';
import { startReconcile } from '../../use-cases/reconcile';
import { type AdminAccess, canManageAll, canSee, requireAdminPage } from '../shared/access';
import { ruleJqlProblem, sourceProblems } from '../shared/jql-check';
import type { Caller } from '../shared/surface';
import { blindPeople, lookUpNamedPeople } from './check-draft';
import { draftOf } from './kpi-view';
import { adminOperation } from './operation';

/** A check-in as the file holds it: where it belongs is said by the KPI it is listed under. */
const checkInRecord = ({ kpiId: _kpi, outcomeId: _outcome, ...record }: CheckIn) => record;

/**
 * A backup of everything the caller can see, in the import format: every outcome with its KPIs (their
 * current values and every check-in, corrections and withdrawals included), the mapping rules of those
 * outcomes, and the site's settings. What Jira holds (the tickets and their links) and what the app
 * recomputes from it (rollups, the trend) are not in it.
 */
export const exportOp = adminOperation('transfer/export', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async (_input, caller, access): Promise<TransferDocument> => {
    const [outcomes, kpis, rules, settings] = await Promise.all([
      listOutcomes(),
      listAllKpis(),
      listRules(),
      getSettings(),
    ]);
    const visible = outcomes.filter((o) => canSee(access, o));
    const visibleIds = new Set(visible.map((o) => o.id));
    const histories = new Map(
      await Promise.all(
        visible
          .flatMap((o) => kpis.get(o.id) ?? [])
          .map(async (k) => [k.id, await allCheckIns(k.id)] as const),
      ),
    );
    return {
      format: TRANSFER_FORMAT,
      exportedAt: caller.now.toISOString(),
      outcomes: visible.map((o) => ({
        id: o.id,
        title: o.title,
        statement: o.statement,
        // Projects the caller cannot see are never named to them.
        projectKeys: o.projectKeys.filter((key) => access.browsable.has(key)),
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
          return {
            id: k.id,
            ...draft,
            current:
              k.current !== null && k.currentAt !== null && k.currentConfidence !== null
                ? { value: k.current, at: k.currentAt, confidence: k.currentConfidence }
                : null,
            // Oldest first, as the history reads.
            checkIns: [...(histories.get(k.id) ?? [])].reverse().map(checkInRecord),
          };
        }),
      })),
      rules: rules
        .filter((r) => visibleIds.has(r.outcomeId))
        .map((r) => ({ id: r.id, outcomeId: r.outcomeId, jql: r.jql, kpiIds: r.kpiIds, enabled: r.enabled })),
      settings: settings.settings,
    };
  },
});

const FIRST_ERRORS = 10;

/** What the JQL checks of a file compare with: the records as stored. */
interface Stored {
  outcome: (id: string) => Outcome | undefined;
  kpi: (id: string) => Kpi | undefined;
  rule: (id: string) => MappingRule | undefined;
}

/**
 * The JQL of the file's computed KPIs and rules, checked as a KPI or rule saved by hand is: only where the
 * file changes what a check decided on (the JQL, or the projects it is confined to). A KPI or rule the file
 * holds as stored was checked when it was saved and is not written again; checking it afresh on every
 * preview and import would spend a Jira search per ticket it counts, twice per file.
 */
async function jqlProblems(doc: TransferDocument, stored: Stored) {
  const asStored = (outcomeId: string, projects: readonly string[]) => {
    const outcome = stored.outcome(outcomeId);
    return outcome !== undefined && sameIds(outcome.projectKeys, projects);
  };
  const kpis = doc.outcomes.flatMap((o, i) =>
    o.kpis.map(async (k, j) => {
      const before = stored.kpi(k.id);
      if (
        before?.outcomeId === o.id &&
        asStored(o.id, o.projectKeys) &&
        JSON.stringify(before.source) === JSON.stringify(k.source)
      )
        return [];
      return (await sourceProblems(k.source, o.projectKeys)).map((e) => ({
        path: e.path.replace(/^draft\./, `document.outcomes.${i}.kpis.${j}.`),
        message: e.message,
      }));
    }),
  );
  const rules = doc.rules.map(async (r, i): Promise<FieldError[]> => {
    const projects =
      doc.outcomes.find((o) => o.id === r.outcomeId)?.projectKeys ?? stored.outcome(r.outcomeId)?.projectKeys;
    if (!projects) return [];
    const before = stored.rule(r.id);
    if (before?.outcomeId === r.outcomeId && before.jql === r.jql && asStored(r.outcomeId, projects))
      return [];
    const problem = await ruleJqlProblem(r.jql, projects);
    return problem ? [{ path: `document.rules.${i}.jql`, message: problem }] : [];
  });
  return (await Promise.all([...kpis, ...rules])).flat();
}

const titles = (list: readonly { title: string }[]) =>
  list
    .map((o) => o.title)
    .slice(0, 3)
    .join('; ');

interface Planned {
  doc: TransferDocument;
  plan: ImportPlan;
  settingsVersion: number;
}

/**
 * A file checked against every rule an edit would face (projects the caller administers, now and in the
 * file; people and parents that exist; no loops; pairings within an outcome; values within their units;
 * JQL Jira accepts; rules of outcomes the caller manages), and the writes it would make. Any problem
 * rejects the whole file with its first errors, before anything is written.
 */
async function planFile(document: unknown, caller: Caller, access: AdminAccess): Promise<Planned> {
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
      `The file has outcomes in projects you do not administer (${titles(notMine)}). Nothing was imported.`,
    );
  }
  const [existing, existingKpis, named, rules, settings] = await Promise.all([
    listOutcomes(),
    listAllKpis(),
    lookUpNamedPeople(doc.outcomes, access.projects),
    listRules(),
    getSettings(),
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
  // A rule maps tickets to an outcome: the file may hold only rules of outcomes the importer manages, and
  // may not take over a stored rule of someone else's outcome.
  const rulesById = new Map(rules.map((r) => [r.id, r]));
  const ruleOutcomeOf = (id: string) => doc.outcomes.find((o) => o.id === id) ?? storedById.get(id);
  const foreignRules = doc.rules.filter((r) => {
    const outcome = ruleOutcomeOf(rulesById.get(r.id)?.outcomeId ?? r.outcomeId);
    return outcome !== undefined && !canManageAll(access, outcome.projectKeys);
  });
  if (foreignRules.length > 0) {
    throw forbidden(
      `The file has mapping rules of outcomes you do not administer (${foreignRules.length}). Nothing was imported.`,
    );
  }
  const kpisById = new Map([...existingKpis.values()].flat().map((k) => [k.id, k]));
  const fileKpiIds = doc.outcomes.flatMap((o) => o.kpis.map((k) => k.id)).filter((id) => kpisById.has(id));
  const storedCheckIns = (await Promise.all(fileKpiIds.map((id) => allCheckIns(id)))).flat();
  const plan = planImport(doc, {
    existingOutcomes: existing,
    visibleOutcomeIds: new Set(existing.filter((o) => canSee(access, o)).map((o) => o.id)),
    existingKpis: kpisById,
    existingCheckIns: new Map(storedCheckIns.map((c) => [c.id, c])),
    existingRules: rulesById,
    settings: { current: settings.settings, stored: settings.version > 0, mayChange: access.isJiraAdmin },
    knownProjects: new Set(access.projects.map((p) => p.key)),
    knownUsers: new Set(named.users.keys()),
    stamp: { accountId: caller.accountId, at: caller.now },
  });
  plan.errors.push(
    ...doc.outcomes.flatMap((o, i) => blindPeople(o, named, `document.outcomes.${i}`)),
    ...(await jqlProblems(doc, {
      outcome: (id) => storedById.get(id),
      kpi: (id) => kpisById.get(id),
      rule: (id) => rulesById.get(id),
    })),
  );
  if (plan.errors.length > 0) {
    throw validationFailed(
      plan.errors.slice(0, FIRST_ERRORS).map((e) => inPlace(e, { nameField: false })),
      `The file was not imported: ${plan.errors.length} problem(s). Nothing was changed.`,
    );
  }
  return { doc, plan, settingsVersion: settings.version };
}

/** What importing the file would do, by kind and by name; nothing is written. */
export const previewImportOp = adminOperation('transfer/preview', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async ({ document }, caller, access): Promise<ImportSummary> =>
    summaryOf((await planFile(document, caller, access)).plan),
});

/**
 * Applies a file, if it still plans what the admin previewed (else CONFLICT, nothing written). Each
 * outcome lands with its KPIs in one transaction, guarded by the versions the plan read, so an edit made
 * meanwhile is never overwritten unseen (Forge's 25-operation transactions rule out one for the whole
 * file); then the check-ins (25 a transaction, each guarded by its revision), the rules and the settings.
 * Records the file holds as they are stored are not written, so importing a file twice changes nothing.
 */
export const importOp = adminOperation('transfer/import', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async ({ document, token }, caller, access) => {
    const { plan, settingsVersion } = await planFile(document, caller, access);
    if (planToken(plan) !== token) {
      throw new AppError(
        'CONFLICT',
        'The import no longer does what its preview said: someone changed what it touches, or this is another file. Preview it again, then import.',
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
          `${error.message} ${written} of the file's ${plan.outcomes.length} outcomes were imported before it; the rest were not. Preview and import the file again to apply it over their change.`,
        );
      }
      written++;
    }
    await writeImportedCheckIns(plan.checkIns);
    for (const r of plan.rules)
      if (r.action !== 'unchanged') await saveRule(r.next, r.previous?.version ?? null);
    if (plan.settings && (plan.settings.action === 'create' || plan.settings.action === 'update')) {
      await saveSettings(plan.settings.next, settingsVersion, caller.accountId, caller.now);
    }
    // Tickets in Jira may carry links to these outcomes already (a restore): count them afresh.
    const recount = plan.outcomes
      .filter((o) => o.action === 'create' || (o.previous && rollupBasis(o.previous) !== rollupBasis(o.next)))
      .map((o) => o.next.id);
    if (recount.length > 0) await startReconcile(recount, 'recount', caller.now);
    return summaryOf(plan);
  },
});
