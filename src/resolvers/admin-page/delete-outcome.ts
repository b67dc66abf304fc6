import { AppError, validationFailed } from '../../domain/errors';
import { servesOutcome } from '../../domain/jql';
import { confinedJql } from '../../domain/jql-syntax';
import type { Outcome } from '../../domain/outcome';
import { countExactly } from '../../platform/jira/issues';
import { appReach } from '../../platform/jira/projects';
import { enqueue, type LinksJob } from '../../platform/queue';
import {
  checkInKeysOfOutcome,
  deleteKpiRecords,
  listKpisOfOutcome,
} from '../../platform/storage/kpi-repository';
import {
  conflictWith,
  deleteOutcome,
  detachChildren,
  listChildOutcomes,
} from '../../platform/storage/outcome-repository';
import { deleteRule, listRules } from '../../platform/storage/rule-repository';
import { manageableOutcome } from './guards';
import { adminOperation } from './operation';

/** A second clean-up pass, for a reconciliation event that was already running when the outcome went. */
const LATE_PASS_SECONDS = 900;

/** Deletes an outcome's rules; one someone saves this instant is read again and deleted all the same. */
async function deleteRulesOf(outcomeId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const rules = (await listRules()).filter((r) => r.outcomeId === outcomeId);
    try {
      for (const rule of rules) await deleteRule(rule, rule.version);
      return;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CONFLICT') || attempt >= 3) throw error;
    }
  }
}

/**
 * Counted as the app: the confirmation must name every linked ticket, also those the admin cannot browse;
 * in the outcome's projects, where a link can be (one elsewhere was written past the app, and counts nowhere).
 * Counted one by one (a point of the hourly quota per ticket, once per deletion): the confirmation compares
 * the count the admin saw with the count now, and two of Jira's estimates may never agree.
 */
async function linkedTickets(outcome: Outcome): Promise<number> {
  const reach = await appReach(outcome.projectKeys);
  return reach.length === 0 ? 0 : countExactly('app', confinedJql(servesOutcome(outcome.id), reach));
}

export const previewDeleteOutcome = adminOperation('outcomes/delete-preview', {
  authorize: ({ id }, caller) => manageableOutcome(caller, id),
  run: async ({ id }, _caller, { outcome }) => {
    const [tickets, kpis, children] = await Promise.all([
      linkedTickets(outcome),
      listKpisOfOutcome(id),
      listChildOutcomes(id),
    ]);
    return { linkedTickets: tickets, kpis: kpis.length, children: children.length };
  },
});

/**
 * Deletes an outcome once the user has confirmed how many tickets are linked to it. The outcome and
 * its project index go atomically; its KPIs, check-ins and mapping rules are cleaned up after, its
 * rollup in the background, and child outcomes move to the top of the tree. Linked tickets keep their
 * link and show "outcome removed" until cleared.
 */
export const deleteOutcomeOp = adminOperation('outcomes/delete', {
  authorize: ({ id }, caller) => manageableOutcome(caller, id),
  run: async ({ id, expectedVersion, confirmedLinkedTickets }, caller, { outcome }) => {
    if (outcome.version !== expectedVersion) throw await conflictWith(outcome, 'delete');
    const tickets = await linkedTickets(outcome);
    if (tickets !== confirmedLinkedTickets) {
      throw validationFailed(
        [
          {
            path: 'confirmedLinkedTickets',
            message: `${tickets} ${tickets === 1 ? 'ticket is' : 'tickets are'} linked to this outcome now. Confirm again to delete it.`,
          },
        ],
        `The number of linked tickets changed to ${tickets}. Confirm again to delete the outcome.`,
      );
    }
    const [kpis, checkInKeys, children] = await Promise.all([
      listKpisOfOutcome(id),
      checkInKeysOfOutcome(id),
      listChildOutcomes(id),
    ]);
    await deleteOutcome(outcome, expectedVersion);
    // What is left of it is cleaned up in the background; queued first, so nothing below can stop it.
    const forget: LinksJob = { type: 'forget-outcome', outcomeId: id };
    await enqueue([forget]);
    await enqueue([forget], LATE_PASS_SECONDS);
    await deleteKpiRecords({ checkInKeys, kpiIds: kpis.map((k) => k.id) });
    await detachChildren(children, caller.now, caller.accountId);
    // Its mapping rules would otherwise live on unseen (the rules view lists rules of outcomes only).
    await deleteRulesOf(id);
    return { id };
  },
});
