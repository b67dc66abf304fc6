import { LINKS_PROPERTY_KEY, readLinks } from '../../domain/links';
import { rankByMatch } from '../../domain/search';
import { listAllKpis } from '../../platform/storage/kpi-repository';
import { listOutcomesOfProject } from '../../platform/storage/outcome-repository';
import { issueAccess, viewerReach } from '../shared/access';
import { lookUpPeople, toOutcomeCard } from '../shared/views';
import { panelOperation } from './operation';

const MAX_CANDIDATES = 50;

/** Active outcomes of the ticket's project that it does not serve yet, matching the typed text. */
export const listCandidates = panelOperation('links/candidates', {
  authorize: ({ issueKey }, caller) => issueAccess(caller, issueKey),
  run: async ({ query }, _caller, { issue }) => {
    const linked = new Set(readLinks(issue.properties?.[LINKS_PROPERTY_KEY]).effectiveOutcomeIds);
    const open = (await listOutcomesOfProject(issue.fields.project.key)).filter(
      (o) => o.state === 'active' && !linked.has(o.id),
    );
    // A title match comes before an outcome that only mentions the words in its statement.
    const outcomes = rankByMatch(open, query).slice(0, MAX_CANDIDATES);
    const [users, kpis, { browsable, outsideReach }] = await Promise.all([
      lookUpPeople(outcomes),
      listAllKpis(),
      viewerReach(
        outcomes.flatMap((o) => o.projectKeys),
        issue.fields.project.key,
      ),
    ]);
    return {
      outcomes: outcomes.map((o) => ({
        ...toOutcomeCard(o, users, browsable, outsideReach),
        kpis: (kpis.get(o.id) ?? []).map((k) => ({ id: k.id, name: k.name, kind: k.kind })),
      })),
    };
  },
});
