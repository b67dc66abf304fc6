import { LINKS_PROPERTY_KEY, readLinks } from '../domain/links';
import { JiraHttpError } from '../platform/jira/client';
import { storyPointsFieldId } from '../platform/jira/fields';
import { getIssue } from '../platform/jira/issues';
import { rollupFields, toRollupTicket } from '../platform/jira/rollup-tickets';
import { getOutcomes } from '../platform/storage/outcome-repository';
import {
  contentionPause,
  ENTRIES_PER_WRITE,
  entriesOf,
  entriesOfIssue,
  entryPage,
  getEntry,
  getRollup,
  RollupMoved,
  readRollup,
  removeEntries,
  sumOfEntries,
  writeEntries,
} from '../platform/storage/rollup-repository';
import { forgetTicketIn, type RollupStore, refreshTicket, type TicketRollupPort } from './rollup-executor';
import { linkScopes } from './trusted-links';

/** The app's rollup storage (Forge KVS), as the rollup's writers use it. */
export const rollupStore: RollupStore = {
  getRollup,
  readRollup,
  getEntry,
  entriesOf,
  entriesOfIssue,
  entryPage,
  sumOfEntries,
  writeEntries: async (rollup, totals, changes, at, patch) => {
    try {
      await writeEntries(rollup, totals, changes, at, patch);
      return true;
    } catch (error) {
      if (error instanceof RollupMoved) return false;
      throw error;
    }
  },
  removeEntries,
  entriesPerWrite: ENTRIES_PER_WRITE,
  pause: contentionPause,
};

const ticketPort: TicketRollupPort = {
  ...rollupStore,
  ticketNow: async (issueKey) => {
    const pointsField = await storyPointsFieldId();
    try {
      const fields = [...rollupFields(pointsField), 'project'];
      const issue = await getIssue('app', issueKey, fields, [LINKS_PROPERTY_KEY]);
      return {
        ticket: toRollupTicket(issue, pointsField),
        links: readLinks(issue.properties?.[LINKS_PROPERTY_KEY]),
        projectKey: issue.fields.project?.key ?? '',
      };
    } catch (error) {
      if (error instanceof JiraHttpError && error.status === 404) return null; // deleted: the delete event handles it
      throw error;
    }
  },
  getOutcomes,
  linkScopes: (ids, known) => linkScopes(ids, { known }),
};

/** A ticket's rollups brought in line with the ticket as Jira has it now (see `refreshTicket`). */
export const refreshTicketRollups = (issueKey: string, now: Date): Promise<void> =>
  refreshTicket(ticketPort, issueKey, now);

/** A deleted ticket leaves every outcome it served. */
export const forgetTicket = (issueId: string, now: Date): Promise<void> =>
  forgetTicketIn(ticketPort, issueId, now);
