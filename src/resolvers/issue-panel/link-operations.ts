import { validationFailed } from '../../domain/errors';
import { type LinksProperty, putOwnLink, removeLink, restoreLink, withOptOut } from '../../domain/links';
import { updateLinks } from '../../platform/jira/links-store';
import { listKpisOfOutcome } from '../../platform/storage/kpi-repository';
import { getOutcome } from '../../platform/storage/outcome-repository';
import { propagateIfChanged } from '../../use-cases/link-maintenance';
import { type IssueAccess, requireIssueEdit } from '../shared/access';
import type { Caller } from '../shared/surface';
import { panelOperation } from './operation';
import { buildPanelView } from './panel-view';

/**
 * Changes the ticket's links as the caller (Jira checks the edit permission once more on the write),
 * tells its children in the background, and answers with the panel's new state.
 */
async function change(access: IssueAccess, now: Date, edit: (links: LinksProperty) => LinksProperty) {
  const { before, after } = await updateLinks(access.issue, 'user', edit);
  await propagateIfChanged(access.issue.key, before, after);
  return buildPanelView(access, after, now);
}

interface LinkInput {
  issueKey: string;
  outcomeId: string;
  kpiIds: string[];
  note: string;
  rice: { reach: number; impact: number; confidence: number; effort: number } | null;
}

/**
 * The outcome must exist, be active, cover the ticket's project, and own the KPIs named. An outcome that
 * does not cover the project is answered exactly as one that does not exist: its project may be one the
 * caller cannot see, and neither its title nor its being there may leak. One that does shares a project
 * with the ticket, so the caller may see it, and its title and state can be said.
 */
async function checkTarget(access: IssueAccess, input: LinkInput) {
  const outcome = await getOutcome(input.outcomeId);
  const projectKey = access.issue.fields.project.key;
  if (!outcome?.projectKeys.includes(projectKey)) {
    throw validationFailed([
      {
        path: 'outcomeId',
        message: `Pick an outcome of ${projectKey}: that one does not exist or does not cover ${projectKey}.`,
      },
    ]);
  }
  if (outcome.state !== 'active') {
    throw validationFailed([
      {
        path: 'outcomeId',
        message: `"${outcome.title}" is ${outcome.state}; link work to an active outcome.`,
      },
    ]);
  }
  const kpis = new Set((await listKpisOfOutcome(outcome.id)).map((k) => k.id));
  const foreign = input.kpiIds.filter((id) => !kpis.has(id));
  if (foreign.length > 0)
    throw validationFailed([
      { path: 'kpiIds', message: `"${outcome.title}" has no KPI ${foreign.join(', ')}.` },
    ]);
}

const ownLink = (input: LinkInput, caller: Caller) => ({
  outcomeId: input.outcomeId,
  kpiIds: [...new Set(input.kpiIds)],
  note: input.note,
  rice: input.rice,
  linkedBy: caller.accountId,
  linkedAt: caller.now.toISOString(),
});

export const addLink = panelOperation('links/add', {
  authorize: ({ issueKey }, caller) => requireIssueEdit(caller, issueKey),
  run: async (input, caller, access) => {
    await checkTarget(access, input);
    return change(access, caller.now, (links) => putOwnLink(links, ownLink(input, caller)));
  },
});

export const updateLink = panelOperation('links/update', {
  authorize: ({ issueKey }, caller) => requireIssueEdit(caller, issueKey),
  run: async (input, caller, access) => {
    await checkTarget(access, input);
    return change(access, caller.now, (links) => {
      if (!links.own.some((l) => l.outcomeId === input.outcomeId)) {
        throw validationFailed([
          { path: 'outcomeId', message: 'This ticket is not linked to that outcome itself.' },
        ]);
      }
      return putOwnLink(links, ownLink(input, caller));
    });
  },
});

/** Works for deleted outcomes too: a link to a removed outcome must always be clearable. */
export const removeLinkOp = panelOperation('links/remove', {
  authorize: ({ issueKey }, caller) => requireIssueEdit(caller, issueKey),
  run: async ({ outcomeId }, caller, access) =>
    change(access, caller.now, (links) => removeLink(links, outcomeId)),
});

export const restoreLinkOp = panelOperation('links/restore', {
  authorize: ({ issueKey }, caller) => requireIssueEdit(caller, issueKey),
  run: async ({ outcomeId }, caller, access) =>
    change(access, caller.now, (links) => restoreLink(links, outcomeId)),
});

export const setInheritance = panelOperation('links/inheritance', {
  authorize: ({ issueKey }, caller) => requireIssueEdit(caller, issueKey),
  run: async ({ optOut }, caller, access) => change(access, caller.now, (links) => withOptOut(links, optOut)),
});
