import type { PanelView } from '../../contract/issue-panel';
import {
  type EffectiveLink,
  effectiveLinks,
  type LinksProperty,
  restorable,
  riceScore,
} from '../../domain/links';
import { mapLimited } from '../../platform/concurrency';
import { listKpisOfOutcome } from '../../platform/storage/kpi-repository';
import { getOutcomes } from '../../platform/storage/outcome-repository';
import { getRollups } from '../../platform/storage/rollup-repository';
import { getSettings } from '../../platform/storage/settings-repository';
import type { IssueAccess } from '../shared/access';
import { panelKpi } from '../shared/panel-kpi';
import { outcomePulse } from '../shared/pulse';
import { lookUpPeople, person, toOutcomeCard } from '../shared/views';

/**
 * The panel's whole state for one ticket, in one resolver call: every outcome it serves (own, by rule,
 * inherited) with owners, who decides, delivery and health, and the KPIs the ticket should move.
 * A link to a deleted outcome stays visible so it can be cleared.
 */
export async function buildPanelView(access: IssueAccess, links: LinksProperty): Promise<PanelView> {
  const effective = effectiveLinks(links);
  const ids = [...new Set([...effective.map((l) => l.outcomeId), ...links.excluded])];
  const [outcomes, settings, rollups] = await Promise.all([getOutcomes(ids), getSettings(), getRollups(ids)]);
  const shown = effective.flatMap((l) => outcomes.get(l.outcomeId) ?? []);
  const [users, kpisOf] = await Promise.all([
    lookUpPeople(shown),
    mapLimited(shown, 4, async (o) => [o.id, await listKpisOfOutcome(o.id)] as const).then((e) => new Map(e)),
  ]);
  const today = new Date();
  const pulses = new Map(
    shown.map((o) => [
      o.id,
      outcomePulse(o, rollups.get(o.id) ?? null, kpisOf.get(o.id) ?? [], settings.settings, today),
    ]),
  );
  const own = new Map(links.own.map((l) => [l.outcomeId, l]));
  // What each own link stands in front of: the rule or parent link the ticket would fall back to.
  const beneath = new Map(effectiveLinks({ ...links, own: [] }).map((l) => [l.outcomeId, l]));
  const { issue } = access;
  return {
    issue: {
      key: issue.key,
      summary: issue.fields.summary,
      projectKey: issue.fields.project.key,
      parentKey: issue.fields.parent?.key ?? null,
    },
    canEdit: access.canEdit,
    optOutOfInheritance: links.optOutOfInheritance,
    links: effective.map((link) => {
      const outcome = outcomes.get(link.outcomeId);
      const kpis = kpisOf.get(link.outcomeId) ?? [];
      const mine = own.get(link.outcomeId);
      const pulse = pulses.get(link.outcomeId);
      return {
        outcomeId: link.outcomeId,
        source: link.source,
        inheritedFrom: link.inheritedFrom,
        alsoFrom: alsoFrom(link.source === 'own' ? beneath.get(link.outcomeId) : undefined),
        outcome:
          outcome && pulse
            ? {
                ...toOutcomeCard(outcome, users),
                decides: outcome.roles.decides.map((id) => person(users, id)),
                pulse,
                kpis: kpis.map((k) => ({ id: k.id, name: k.name, kind: k.kind })),
              }
            : null,
        kpis: kpis.filter((k) => link.kpiIds.includes(k.id)).map(panelKpi),
        note: mine?.note ?? '',
        rice: (mine?.rice as PanelView['links'][number]['rice']) ?? null,
        riceScore: mine?.rice ? riceScore(mine.rice) : null,
      };
    }),
    removed: restorable(links).map((id) => ({ outcomeId: id, title: outcomes.get(id)?.title ?? null })),
  };
}

function alsoFrom(link: EffectiveLink | undefined): PanelView['links'][number]['alsoFrom'] {
  if (!link || link.source === 'own') return null;
  return { source: link.source, inheritedFrom: link.inheritedFrom };
}
