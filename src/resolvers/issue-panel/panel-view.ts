import type { PanelView } from '../../contract/issue-panel';
import { effectiveLinks, type LinksProperty } from '../../domain/links';
import { getOutcomes } from '../../platform/storage/outcome-repository';
import type { IssueAccess } from '../shared/access';
import { lookUpPeople, toOutcomeCard } from '../shared/views';

/** The panel's whole state for one ticket; a link to a deleted outcome stays visible so it can be cleared. */
export async function buildPanelView(access: IssueAccess, links: LinksProperty): Promise<PanelView> {
  const effective = effectiveLinks(links);
  const outcomes = await getOutcomes(effective.map((l) => l.outcomeId));
  const users = await lookUpPeople(outcomes.values());
  const { issue } = access;
  return {
    issue: { key: issue.key, summary: issue.fields.summary, projectKey: issue.fields.project.key },
    canEdit: access.canEdit,
    links: effective.map((link) => {
      const outcome = outcomes.get(link.outcomeId);
      return { ...link, outcome: outcome ? toOutcomeCard(outcome, users) : null };
    }),
  };
}
