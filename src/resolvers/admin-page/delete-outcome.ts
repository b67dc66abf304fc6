import { validationFailed } from '../../domain/errors';
import { servesOutcome } from '../../domain/jql';
import { countIssues } from '../../platform/jira/issues';
import { enqueue } from '../../platform/queue';
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

/** Counted as the app: the confirmation must name every linked ticket, also those the admin cannot browse. */
const linkedTickets = (id: string) => countIssues('app', servesOutcome(id));

export const previewDeleteOutcome = adminOperation('outcomes/delete-preview', {
  authorize: ({ id }, caller) => manageableOutcome(caller, id),
  run: async ({ id }) => {
    const [tickets, kpis, children] = await Promise.all([
      linkedTickets(id),
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
    const tickets = await linkedTickets(id);
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
    await deleteKpiRecords({ checkInKeys, kpiIds: kpis.map((k) => k.id) });
    await detachChildren(children, new Date(), caller.accountId);
    // Its mapping rules would otherwise live on unseen (the rules view lists rules of outcomes only).
    for (const rule of (await listRules()).filter((r) => r.outcomeId === id))
      await deleteRule(rule, rule.version);
    await enqueue([{ type: 'forget-outcome', outcomeId: id }]);
    return { id };
  },
});
