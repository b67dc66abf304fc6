import { AppError } from '../domain/errors';
import { inheritsFrom, jqlString } from '../domain/jql';
import { confinedJql, UnsafeJqlError } from '../domain/jql-syntax';
import {
  effectiveLinks,
  type InheritedLink,
  inheritanceFrom,
  LINKS_PROPERTY_KEY,
  type LinksProperty,
  type MappedLink,
  outcomesNamedBy,
  readLinks,
  trustedLinks,
  withInherited,
  withRuleLinks,
} from '../domain/links';
import { JiraHttpError } from '../platform/jira/client';
import { getIssue, matchingNow, searchIssues } from '../platform/jira/issues';
import { updateLinks } from '../platform/jira/links-store';
import { appReach } from '../platform/jira/projects';
import { enqueue, type LinksJob } from '../platform/queue';
import { getOutcomes } from '../platform/storage/outcome-repository';
import { listRules } from '../platform/storage/rule-repository';
import { linkScopes } from './trusted-links';

/**
 * What counts in rollups: the outcomes served, and what the parent serves (a subtask counts through a
 * parent serving the same outcome, even when its own link comes first). What children inherit: the
 * outcomes served, with their KPIs.
 */
const served = (links: LinksProperty) =>
  JSON.stringify([
    effectiveLinks(links).map((l) => [l.outcomeId, l.inheritedFrom]),
    links.inherited.map((l) => l.outcomeId).sort(),
  ]);
const passedOn = (links: LinksProperty) =>
  JSON.stringify(effectiveLinks(links).map((l) => [l.outcomeId, l.inheritedFrom, l.kpiIds]));

/**
 * When what a ticket serves changes, its children must learn it and the outcomes' rollups must count
 * it; both happen in the background.
 */
export async function propagateIfChanged(
  issueKey: string,
  before: LinksProperty,
  after: LinksProperty,
): Promise<void> {
  const jobs: LinksJob[] = [];
  if (passedOn(before) !== passedOn(after)) jobs.push({ type: 'propagate', issueKey });
  if (served(before) !== served(after)) jobs.push({ type: 'rollup', issueKey });
  if (jobs.length > 0) await enqueue(jobs);
}

/**
 * What a child of `parentKey` in `projectKey` inherits: everything its parent serves (nothing without a
 * parent), as far as the app trusts the parent's links (a link someone forged on the parent is passed on
 * to no child), and of those only outcomes that cover the child's own project, as any link must.
 */
async function inheritanceOf(parentKey: string | null): Promise<(projectKey: string) => InheritedLink[]> {
  if (!parentKey) return () => [];
  try {
    const parent = await getIssue('app', parentKey, ['project'], [LINKS_PROPERTY_KEY]);
    const read = readLinks(parent.properties?.[LINKS_PROPERTY_KEY]);
    const scopes = await linkScopes(outcomesNamedBy(read), { kpis: true });
    const { links } = trustedLinks(read, parent.fields.project?.key ?? '', (id) => scopes.get(id));
    const inherited = inheritanceFrom(parentKey, links);
    return (projectKey) =>
      inherited.filter((l) => scopes.get(l.outcomeId)?.projectKeys.includes(projectKey) ?? false);
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 404) return () => [];
    throw error;
  }
}

/**
 * The links the enabled mapping rules give one ticket now: one search per applicable rule, for this ticket
 * as Jira has it now (`reconcileIssues`): the event that brought the app here was a write the search index
 * may not have yet, and a count would miss a ticket just created or judge an edited one by its old fields.
 */
async function ruleLinksFor(issueId: string, projectKey: string): Promise<MappedLink[]> {
  const rules = (await listRules()).filter((r) => r.enabled);
  if (rules.length === 0) return [];
  const outcomes = await getOutcomes(rules.map((r) => r.outcomeId));
  const links: MappedLink[] = [];
  for (const rule of rules) {
    const outcome = outcomes.get(rule.outcomeId);
    if (outcome?.state !== 'active' || !outcome.projectKeys.includes(projectKey)) continue;
    try {
      // The event's project is one the app sees; JQL naming one hidden from it would be refused.
      const reach = await appReach(outcome.projectKeys, [projectKey]);
      const matches = await matchingNow('app', confinedJql(rule.jql, reach), [issueId]);
      if (matches.length > 0) links.push({ outcomeId: rule.outcomeId, kpiIds: rule.kpiIds, ruleId: rule.id });
    } catch (error) {
      // A rule whose JQL could reach past its projects (saved before it was checked on its own) links nothing.
      if (error instanceof UnsafeJqlError) {
        console.warn(
          `[outcome-bridge] mapping rule ${rule.id} has JQL the app will not run: ${error.problem}`,
        );
        continue;
      }
      // A rule whose JQL Jira no longer accepts (a deleted field, say) must not block the others.
      if (!(error instanceof JiraHttpError) || error.status !== 400) throw error;
      console.warn(`[outcome-bridge] mapping rule ${rule.id} has JQL Jira rejects: ${error.message}`);
    }
  }
  return links;
}

/**
 * Brings one ticket's links in line with Jira as it is now: inheritance from its current parent, the
 * mapping rules it matches now, and, the property being user data, none of the links written past the app
 * that the app would not make (an outcome not covering the ticket's project, KPIs not its outcome's; links
 * to outcomes that no longer exist stay for people to clear). Reads current state rather than trusting
 * the event, so replayed or reordered events give the same result; writes only when something changed.
 * It is also how the nightly reconciliation repairs a ticket.
 */
export async function rematerialize(issueKey: string): Promise<void> {
  let issue: Awaited<ReturnType<typeof getIssue>>;
  try {
    issue = await getIssue('app', issueKey, ['parent', 'project'], [LINKS_PROPERTY_KEY]);
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 404) return; // deleted since the event
    throw error;
  }
  const projectKey = issue.fields.project?.key;
  if (!projectKey) throw new AppError('INTERNAL', `Jira sent ${issueKey} without its project.`);
  const [inheritance, mapped] = await Promise.all([
    inheritanceOf(issue.fields.parent?.key ?? null),
    ruleLinksFor(issue.id, projectKey),
  ]);
  const inherited = inheritance(projectKey);
  const bringInLine = async (links: LinksProperty, fresh: { parentKey: string | null }) => {
    // The parent may have changed between the reads; inheritance follows the parent read under the lock.
    const fromParent = fresh.parentKey === (issue.fields.parent?.key ?? null) ? inherited : null;
    const next = withRuleLinks(links, mapped);
    const updated = fromParent ? withInherited(next, fromParent) : next;
    const scopes = await linkScopes(outcomesNamedBy(updated), { kpis: true });
    return trustedLinks(updated, projectKey, (id) => scopes.get(id), { keepMissing: true }).links;
  };
  // Most events change nothing the links depend on: then there is nothing to lock, read again or write
  // (a change made since the first read comes with an event of its own).
  const read = readLinks(issue.properties?.[LINKS_PROPERTY_KEY]);
  if ((await bringInLine(read, { parentKey: issue.fields.parent?.key ?? null })) === read) return;
  const { before, after } = await updateLinks(issue, 'app', bringInLine);
  await propagateIfChanged(issueKey, before, after);
}

/**
 * Re-materialises inheritance on every child of a ticket (stories of an epic, subtasks of a story),
 * each under its own lock; children whose outcomes change pass it on to their own children.
 */
export async function propagateToChildren(issueKey: string): Promise<void> {
  const inheritance = await inheritanceOf(issueKey);
  const children = `parent = ${jqlString(issueKey)}`;
  const read = { fields: ['parent', 'project'], properties: [LINKS_PROPERTY_KEY] };
  for await (const found of searchIssues('app', children, { ...read, pageSize: 100 })) {
    // The search may have a child's links from before a write seconds ago (its inheritance just changed,
    // say): read the page again as Jira has it now before deciding that a child is already up to date.
    const page = await matchingNow(
      'app',
      children,
      found.map((c) => c.id),
      read,
    );
    for (const child of page) {
      const inherited = inheritance(child.fields.project?.key ?? '');
      const current = readLinks(child.properties?.[LINKS_PROPERTY_KEY]);
      if (JSON.stringify(current.inherited) === JSON.stringify(inherited)) continue;
      const { before, after } = await updateLinks(child, 'app', (links, fresh) =>
        fresh.parentKey === issueKey ? withInherited(links, inherited) : links,
      );
      await propagateIfChanged(child.key, before, after);
    }
  }
}

/**
 * How long after a deletion the app looks once more for tickets inheriting from the deleted issue: Jira's
 * search shows a write after "a few seconds to minutes" (developer.atlassian.com/cloud/jira/platform/
 * search-and-reconcile/), so inheritance written just before the deletion may be missing from the first look.
 */
const INHERITORS_RECHECK_SECONDS = 120;

/**
 * An issue was deleted. Jira sends its own delete event only ("cascading events aren't emitted", Forge's
 * events reference): an epic's children live on without a parent and send nothing, still holding what they
 * inherited from it. Their repair goes through the queue (`repairInheritorsOf`).
 */
export async function startRepairOfInheritors(issueKey: string): Promise<void> {
  await enqueue([{ type: 'inheritors', issueKey, recheck: false }]);
}

/**
 * Every ticket whose links say it inherits from the deleted issue (its children, their subtasks) is queued
 * for repair (`rematerialize`: inheritance from its parent as it is now, so none from a parent it lost),
 * then the search is made once more later. What both looks miss (inheritance written as the issue was
 * deleted, links from before the app indexed where they come from), the nightly check repairs.
 */
export async function repairInheritorsOf(issueKey: string, recheck: boolean): Promise<void> {
  const keys: string[] = [];
  for await (const page of searchIssues('app', inheritsFrom(issueKey), { fields: ['key'], pageSize: 1000 })) {
    keys.push(...page.map((issue) => issue.key));
  }
  if (keys.length > 0) await enqueue(keys.map((key): LinksJob => ({ type: 'repair', issueKey: key })));
  if (!recheck) await enqueue([{ type: 'inheritors', issueKey, recheck: true }], INHERITORS_RECHECK_SECONDS);
}
