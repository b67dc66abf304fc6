import type { OutcomeForecasts, ProjectOutcomeRow } from '@contract/project-page';
import { percentText } from '@domain/percent';
import { plural } from '@domain/units';
import { ForecastLine } from '@shared/components/ForecastLine';
import { formatDay } from '@shared/format';
import { Explained } from './Explained';
import type { ReleaseMarker } from './TrendChart';

export const VERDICT_WORDS = {
  moved: 'moved',
  'no-clear-change': 'no clear change',
  'not-enough-data': 'not enough data',
} as const;

/** The delivery forecast and each KPI's, explained: what "Why these numbers?" says about the future. */
export function Forecasts({ row, forecasts }: { row: ProjectOutcomeRow; forecasts: OutcomeForecasts }) {
  return (
    <div className="ob-stack ob-stack--tight" data-testid="forecasts">
      <Explained
        title="When will the work be done?"
        explanation={forecasts.delivery}
        testId="forecast-delivery"
      >
        <ForecastLine forecast={row.figures.forecast} testId="forecast-delivery-line" />
      </Explained>
      {forecasts.kpis.map((k) => (
        <Explained
          key={k.kpiId}
          title={`Where will ${k.name} be on its due date?`}
          explanation={k.explanation}
          testId={`forecast-kpi-${k.kpiId}`}
        >
          {k.chance === null ? null : (
            <span className="ob-small" data-testid={`forecast-kpi-${k.kpiId}-chance`}>
              {k.goal === 'band' ? 'Chance of staying inside its band' : 'Chance of meeting its target'}:{' '}
              <strong>{percentText(k.chance)}</strong>
            </span>
          )}
        </Explained>
      ))}
    </div>
  );
}

/** Did shipping move the KPI? Each release, and what each KPI did across it, with the arithmetic. */
export function ReleaseImpacts({ releases }: { releases: OutcomeForecasts['releases'] }) {
  const what = releases.basis === 'epics' ? 'its epics' : 'its tickets (it has no epics)';
  if (releases.markers.length === 0) {
    return (
      <p className="ob-muted" data-testid="releases-empty">
        No releases yet: none of {what} has reached Done.
      </p>
    );
  }
  return (
    <div className="ob-stack ob-stack--tight" data-testid="releases">
      <p className="ob-small ob-muted">
        The days {what} reached Done, each compared over {plural(releases.windowDays, 'day')} before and
        after. <strong data-testid="releases-caveat">{releases.caveat}</strong>
      </p>
      <ol className="ob-releases">
        {[...releases.markers].reverse().map((m) => (
          <li key={m.day} data-testid={`release-${m.day}`}>
            <span className="ob-heading">
              {formatDay(m.day)}: {m.label}
            </span>
            {m.impacts.length === 0 ? (
              <p className="ob-small ob-muted">No published KPI to compare.</p>
            ) : (
              m.impacts.map((i) => (
                <Explained
                  key={i.kpiId}
                  title={`${i.kpiName}: ${VERDICT_WORDS[i.verdict]}`}
                  explanation={i.explanation}
                  testId={`release-${m.day}-${i.kpiId}`}
                />
              ))
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The releases as the trend chart marks them: each labelled with what every KPI did across it. */
export function releaseMarkers(releases: OutcomeForecasts['releases']): ReleaseMarker[] {
  return releases.markers.map((m) => ({
    day: m.day,
    label: m.label,
    items: m.items,
    moved: m.impacts.some((i) => i.verdict === 'moved'),
    verdicts:
      m.impacts.length === 0
        ? 'no published KPI to compare'
        : m.impacts.map((i) => `${i.kpiName}: ${VERDICT_WORDS[i.verdict]}`).join('; '),
  }));
}
