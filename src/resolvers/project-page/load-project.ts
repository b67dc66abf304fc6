import { isoDay } from '../../domain/clock';
import { listAllKpis } from '../../platform/storage/kpi-repository';
import { listOutcomesOfProject } from '../../platform/storage/outcome-repository';
import { getRollups } from '../../platform/storage/rollup-repository';
import { getSettings } from '../../platform/storage/settings-repository';
import { publishedKpiSeries } from '../../use-cases/kpi-series';
import { checkInPlace, viewerReach } from '../shared/access';
import { lookUpPeople } from '../shared/views';
import { projectOperation } from './operation';
import { toProjectRow } from './outcome-row';
import { projectGrants } from './project-access';

/**
 * The project's outcomes with every figure, read from stored rollups: the cost depends on the number of
 * outcomes (a few storage reads and four Jira calls), never on the number of tickets.
 */
export const loadProject = projectOperation('project/load', {
  authorize: ({ projectKey }, caller) => projectGrants(caller, projectKey),
  run: async ({ projectKey }, caller, grants) => {
    const { project, canLink } = grants;
    const outcomes = await listOutcomesOfProject(projectKey);
    const [rollups, kpis, settings, users, { browsable, outsideReach }] = await Promise.all([
      getRollups(outcomes.map((o) => o.id)),
      listAllKpis(),
      getSettings(),
      lookUpPeople(outcomes),
      viewerReach(
        outcomes.flatMap((o) => o.projectKeys),
        projectKey,
      ),
    ]);
    const today = caller.now;
    const series = await Promise.all(
      outcomes.map((o) => publishedKpiSeries(kpis.get(o.id) ?? [], isoDay(today))),
    );
    return {
      project: { key: project.key, name: project.name },
      canLink,
      thresholds: { atRiskGap: settings.settings.atRiskGap, offTrackGap: settings.settings.offTrackGap },
      outcomes: outcomes.map((o, i) =>
        toProjectRow(
          o,
          rollups.get(o.id) ?? null,
          kpis.get(o.id) ?? [],
          settings.settings,
          users,
          today,
          browsable,
          outsideReach,
          checkInPlace(grants, projectKey, o),
          series[i] ?? [],
        ),
      ),
    };
  },
});
