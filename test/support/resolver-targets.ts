import type { Sandbox } from '../../sandbox/site';
import { LINKS_PROPERTY_KEY } from '../../src/domain/links';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { issueKeys } from './jira-state';
import { as, ok, USERS } from './sandbox';

/** Everything one project holds for the resolvers to be called against: an outcome and what hangs off it. */
export interface Target {
  projectKey: string;
  projectName: string;
  outcomeId: string;
  outcomeTitle: string;
  outcomeStatement: string;
  kpiId: string;
  kpiName: string;
  ruleId: string;
  ruleJql: string;
  /** A rule backfill started by Alice. */
  runId: string;
  /** A bulk link started by Alice on the project page. */
  bulkRunId: string;
  /** A story of the project, linked to the outcome; `otherIssueKey` is another one, left alone. */
  issueKey: string;
  issueSummary: string;
  otherIssueKey: string;
}

/** Ids of the same shapes that name nothing, for asking whether an answer tells "hidden" from "missing". */
export const GHOST = {
  outcomeId: 'o-0000000000',
  kpiId: 'k-0000000000',
  ruleId: 'r-0000000000',
  runId: 'run-00000000-0000-4000-8000-000000000000',
} as const;

export interface Targets {
  /** CHK: administered by Priya, edited by Evan, browsed by Rita; Dev and Oscar cannot see it. */
  own: Target;
  /** MOB: administered by Tom, browsed by Oscar; nobody else but Alice can see it. */
  foreign: Target;
  /** An outcome spanning CHK and MOB: CHK's people may see its figures, never MOB's name or tickets. */
  spanning: { outcomeId: string; title: string };
}

const NAMES: Record<string, string> = { CHK: 'Checkout', PLAT: 'Platform', MOB: 'Mobile' };

async function buildTarget(sandbox: Sandbox, projectKey: string, words: string): Promise<Target> {
  const alice = as(sandbox, USERS.alice);
  const title = `${words} outcome to watch`;
  const statement = `Only people who may see ${projectKey} should ever read this ${words.toLowerCase()} statement.`;
  const outcome = ok(
    await alice.admin('outcomes/create', {
      draft: buildDraft({ title, statement, projectKeys: [projectKey] }),
    }),
  );
  const kpiName = `${words} KPI name`;
  const detail = ok(await alice.admin('kpis/create', { draft: buildKpi(outcome.id, { name: kpiName }) }));
  const kpiId = detail.kpis[0]?.id as string;
  // More check-ins than a history page holds, so there is a cursor to page on with.
  for (let value = 30; value <= 51; value++) {
    ok(await alice.admin('kpis/check-in', { kpiId, value, confidence: 'medium', note: `${words} note` }));
  }
  const ruleJql = `summary ~ "${words.toLowerCase()}" OR issuetype = Bug`;
  const rule = ok(await alice.admin('rules/create', { draft: { outcomeId: outcome.id, jql: ruleJql } }));
  const run = ok(await alice.admin('rules/backfill', { id: rule.id }));
  const stories = issueKeys(sandbox.jira.state, projectKey, 'new').filter((key) => {
    const issue = sandbox.jira.getIssue(key);
    return issue && sandbox.jira.state.issueTypes.find((t) => t.id === issue.issueTypeId)?.name === 'Story';
  });
  const [issueKey, otherIssueKey] = stories as [string, string];
  ok(await alice.panel('links/add', { issueKey, outcomeId: outcome.id, kpiIds: [kpiId] }));
  const bulk = ok(
    await alice.project('links/bulk', {
      projectKey,
      outcomeId: outcome.id,
      target: { issueKeys: [issueKey] },
    }),
  );
  await sandbox.settle();
  return {
    projectKey,
    projectName: NAMES[projectKey] ?? projectKey,
    outcomeId: outcome.id,
    outcomeTitle: title,
    outcomeStatement: statement,
    kpiId,
    kpiName,
    ruleId: rule.id,
    ruleJql,
    runId: run.id,
    bulkRunId: bulk.id,
    issueKey,
    issueSummary: sandbox.jira.getIssue(issueKey)?.summary ?? '',
    otherIssueKey,
  };
}

/**
 * Writes a ticket's links property through Jira's REST API as a person who may edit the ticket, as
 * anyone can, bypassing the app: the attack the app must withstand.
 */
export async function forgeLinks(sandbox: Sandbox, issueKey: string, accountId: string, value: unknown) {
  const reply = await sandbox.jira.handle(
    {
      method: 'PUT',
      url: `/rest/api/3/issue/${issueKey}/properties/${LINKS_PROPERTY_KEY}`,
      body: JSON.stringify(value),
    },
    { type: 'user', accountId },
  );
  if (reply.status >= 300)
    throw new Error(`Forging ${issueKey}'s links failed: ${reply.status} ${reply.body}`);
}

/** A forged own link, shaped exactly as the app writes one. */
export const forgedOwnLink = (outcomeId: string, kpiIds: string[] = []) => ({
  outcomeId,
  kpiIds,
  note: 'forged through REST',
  rice: null,
  linkedBy: USERS.evan,
  linkedAt: '2026-06-01T00:00:00.000Z',
});

/**
 * The matrix's world: an outcome with a KPI, a mapping rule, a backfill, a bulk link and a linked story in
 * CHK and in MOB, all made by Alice through the resolvers; an outcome spanning both; CHK's outcome placed
 * under MOB's; and a CHK story whose links property Evan forged through Jira's REST API to name MOB's
 * outcome and KPI.
 */
export async function buildTargets(sandbox: Sandbox): Promise<Targets> {
  const own = await buildTarget(sandbox, 'CHK', 'Checkout');
  const foreign = await buildTarget(sandbox, 'MOB', 'Mobile-only');
  const alice = as(sandbox, USERS.alice);
  const spanningTitle = 'Returning shoppers on every device';
  const spanning = ok(
    await alice.admin('outcomes/create', {
      draft: buildDraft({ title: spanningTitle, projectKeys: ['CHK', 'MOB'] }),
    }),
  );
  const mobileStory = foreign.otherIssueKey;
  ok(await alice.panel('links/add', { issueKey: mobileStory, outcomeId: spanning.id }));
  const current = ok(await alice.admin('outcomes/get', { id: own.outcomeId })).outcome;
  ok(
    await alice.admin('outcomes/update', {
      id: own.outcomeId,
      expectedVersion: current.version,
      draft: buildDraft({
        title: own.outcomeTitle,
        statement: own.outcomeStatement,
        projectKeys: ['CHK'],
        parentId: foreign.outcomeId,
      }),
    }),
  );
  await forgeLinks(sandbox, own.otherIssueKey, USERS.evan, {
    schemaVersion: 1,
    own: [forgedOwnLink(foreign.outcomeId, [foreign.kpiId])],
    mapped: [],
    inherited: [],
    excluded: [],
    optOutOfInheritance: false,
    effectiveOutcomeIds: [foreign.outcomeId],
    ownOutcomeIds: [foreign.outcomeId],
    kpiIds: [foreign.kpiId],
  });
  await sandbox.settle();
  return { own, foreign, spanning: { outcomeId: spanning.id, title: spanningTitle } };
}
