import type { PanelView } from '../../contract/issue-panel';
import { isoDay } from '../../domain/clock';
import {
  type EffectiveLink,
  effectiveLinks,
  type LinksProperty,
  outcomesNamedBy,
  restorable,
  trustedLinks,
} from '../../domain/links';
import { riceScore } from '../../domain/rice';
import { mapLimited } from '../../platform/concurrency';
import { listKpisOfOutcome } from '../../platform/storage/kpi-repository';
import { getOutcomes } from '../../platform/storage/outcome-repository';
import { getRollups } from '../../platform/storage/rollup-repository';
import { getSettings } from '../../platform/storage/settings-repository';
import { publishedKpiSeries } from '../../use-cases/kpi-series';
import { checkInPlace, type IssueAccess, viewerReach } from '../shared/access';
import { panelKpi } from '../shared/panel-kpi';
import { outcomePulse } from '../shared/pulse';
import { lookUpPeople, person, toOutcomeCard } from '../shared/views';

/**
 * The panel's whole state for one ticket, in one resolver call: every outcome it serves (own, by rule,
 * inherited) with owners, who decides, delivery and health, and the KPIs the ticket should move.
 * The property is user data: only links the app trusts are shown (see `trustedLinks`). The others (an
 * outcome removed since, or one that does not cover this project, perhaps of a project the viewer cannot
 * see) are shown to people who may edit the ticket as "not valid here", to clear, and say nothing of it.
 */
export async function buildPanelView(
  access: IssueAccess,
  read: LinksProperty,
  now: Date,
): Promise<PanelView> {
  const projectKey = access.issue.fields.project.key;
  const ids = [...new Set([...outcomesNamedBy(read), ...read.excluded])];
  const [outcomes, settings, rollups] = await Promise.all([getOutcomes(ids), getSettings(), getRollups(ids)]);
  // Only outcomes of this project can be trusted; their KPIs are what the links' KPIs are checked against.
  const here = [...outcomes.values()].filter((o) => o.projectKeys.includes(projectKey));
  const kpisOf = new Map(
    await mapLimited(here, 4, async (o) => [o.id, await listKpisOfOutcome(o.id)] as const),
  );
  const { links, untrusted } = trustedLinks(read, projectKey, (id) => {
    const outcome = outcomes.get(id);
    const kpis = kpisOf.get(id);
    return outcome && kpis
      ? { projectKeys: outcome.projectKeys, kpiIds: new Set(kpis.map((k) => k.id)) }
      : undefined;
  });
  const effective = effectiveLinks(links);
  const shown = effective.flatMap((l) => outcomes.get(l.outcomeId) ?? []);
  const today = now;
  const [users, { browsable, outsideReach }, series] = await Promise.all([
    lookUpPeople(shown),
    viewerReach(
      shown.flatMap((o) => o.projectKeys),
      projectKey,
    ),
    // Health judges the KPI forecasts as the project page does, so the card says the same; only the
    // outcomes shown have their check-ins read.
    mapLimited(shown, 4, (o) => publishedKpiSeries(kpisOf.get(o.id) ?? [], isoDay(today))),
  ]);
  const pulses = new Map(
    shown.map((o, i) => [
      o.id,
      outcomePulse(
        o,
        rollups.get(o.id) ?? null,
        kpisOf.get(o.id) ?? [],
        settings.settings,
        today,
        series[i] ?? [],
      ),
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
    links: [
      ...effective.map((link) => {
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
                  ...toOutcomeCard(outcome, users, browsable, outsideReach),
                  decides: outcome.roles.decides.map((id) => person(users, id)),
                  pulse,
                  kpis: kpis.map((k) => ({ id: k.id, name: k.name, kind: k.kind })),
                }
              : null,
          kpis: kpis
            .filter((k) => link.kpiIds.includes(k.id))
            .map((k) =>
              panelKpi(k, kpis, {
                outcomeState: outcome?.state ?? 'active',
                today: isoDay(now),
                checkInAt: outcome ? checkInPlace(access, projectKey, outcome) : null,
              }),
            ),
          note: mine?.note ?? '',
          rice: (mine?.rice as PanelView['links'][number]['rice']) ?? null,
          riceScore: mine?.rice ? riceScore(mine.rice) : null,
        };
      }),
      ...(access.canEdit ? notValidHere(read, untrusted) : []),
    ],
    removed: restorable(links).map((id) => ({ outcomeId: id, title: outcomes.get(id)?.title ?? null })),
  };
}

/** Links left out as untrusted, as editors see them: the outcome's id and nothing of it, to clear. */
function notValidHere(read: LinksProperty, untrusted: readonly string[]): PanelView['links'] {
  const ids = new Set(untrusted);
  return effectiveLinks(read)
    .filter((l) => ids.has(l.outcomeId))
    .map((l) => ({
      outcomeId: l.outcomeId,
      source: l.source,
      inheritedFrom: l.inheritedFrom,
      alsoFrom: null,
      outcome: null,
      kpis: [],
      note: '',
      rice: null,
      riceScore: null,
    }));
}

function alsoFrom(link: EffectiveLink | undefined): PanelView['links'][number]['alsoFrom'] {
  if (!link || link.source === 'own') return null;
  return { source: link.source, inheritedFrom: link.inheritedFrom };
}
