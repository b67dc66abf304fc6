import type { ProjectOutcomeRow } from '@contract/project-page';
import { projectsInWords } from '@domain/project-words';
import { COUNTS_CHECKED } from '@domain/recount-words';
import { ErrorState } from '@shared/components/ErrorState';
import { HealthLozenge } from '@shared/components/HealthLozenge';
import { OutsideReach } from '@shared/components/OutsideReach';
import { StateLozenge } from '@shared/components/StateLozenge';
import { formatDay, formatMoment } from '@shared/format';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { COUNTED_BY_IN_FULL } from '../figures';
import { OutputWithoutOutcomeFlag } from '../OutputFlag';
import { Skeleton } from '../Skeleton';
import { DecisionsSection } from './DecisionsSection';
import { Forecasts, ReleaseImpacts, releaseMarkers } from './Forecasts';
import { KpiCards } from './KpiCards';
import { TicketsSection } from './TicketsSection';
import { TrendChart } from './TrendChart';
import { useOutcomeDetail } from './use-outcome-detail';
import { Breakdown, Excluded, Lists } from './WhyNumbers';

export interface OutcomeDetailViewProps {
  projectKey: string;
  /** The row the user opened: shown at once, replaced by the fresh one when the detail arrives. */
  row: ProjectOutcomeRow;
  onBack: () => void;
}

const names = (people: readonly { displayName: string }[]) =>
  people.length > 0 ? people.map((p) => p.displayName).join(', ') : 'not set';

/**
 * One outcome, every number explained: the breakdown of each figure, the tickets behind the numbers, what
 * is left out, the trend, the KPIs with their check-ins, and every ticket (exportable). Loaded on demand.
 */
export default function OutcomeDetailView({ projectKey, row: opened, onBack }: OutcomeDetailViewProps) {
  const uid = useId();
  const { state, reload } = useOutcomeDetail(projectKey, opened.id);
  const heading = useRef<HTMLHeadingElement>(null);
  const detail = state.status === 'ready' ? state.data : null;
  const row = detail?.row ?? opened;
  const f = row.figures;

  // The view replaces the list: focus starts at its heading, so screen readers announce where they are.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const section = (id: string, title: string, children: ReactNode, intro?: string) => (
    <section
      className="ob-stack ob-stack--tight ob-detail-section"
      aria-labelledby={`${uid}-${id}`}
      data-testid={`section-${id}`}
    >
      <h3 className="ob-section-title" id={`${uid}-${id}`}>
        {title}
      </h3>
      {intro ? <p className="ob-small ob-muted">{intro}</p> : null}
      {children}
    </section>
  );

  return (
    <article className="ob-detail ob-stack" aria-labelledby={`${uid}-title`} data-testid="outcome-detail">
      <button type="button" className="ob-back" onClick={onBack} data-testid="detail-back">
        <span aria-hidden="true">←</span> All outcomes
      </button>
      <header className="ob-detail-head">
        <div className="ob-stack ob-stack--tight">
          <div className="ob-detail-head__title">
            <h2
              className="ob-detail-title"
              id={`${uid}-title`}
              tabIndex={-1}
              ref={heading}
              data-testid="detail-title"
            >
              {row.title}
            </h2>
            <StateLozenge state={row.state} />
            <span data-testid="detail-health">
              <HealthLozenge health={f.health} explanation={f.explanation} />
            </span>
          </div>
          <p className="ob-statement">{row.statement}</p>
        </div>
      </header>
      <dl className="ob-facts" data-testid="detail-facts">
        <div>
          <dt>Business owner</dt>
          <dd>{row.businessOwner?.displayName ?? 'not set'}</dd>
        </div>
        <div>
          <dt>Technology owner</dt>
          <dd>{row.technologyOwner?.displayName ?? 'not set'}</dd>
        </div>
        <div>
          <dt>Who decides</dt>
          <dd>{names(row.decides)}</dd>
        </div>
        <div>
          <dt>Timeframe</dt>
          <dd>
            {formatDay(row.startDate)} → {formatDay(row.dueDate)}
          </dd>
        </div>
        <div>
          <dt>Projects</dt>
          <dd>
            {projectsInWords(row.projectKeys, row.hiddenProjects)}
            <OutsideReach keys={row.outsideAppReach} />
          </dd>
        </div>
        <div>
          <dt>Delivery counted</dt>
          <dd>
            {COUNTED_BY_IN_FULL[f.method]}
            {f.countSubtasks ? ', subtasks included' : ''}
          </dd>
        </div>
        <div>
          <dt title={COUNTS_CHECKED.help}>{COUNTS_CHECKED.term}</dt>
          <dd>
            {row.recomputing
              ? 'Recounting now: the counting rules changed'
              : row.reconciledAt
                ? formatMoment(row.reconciledAt)
                : 'not yet'}
          </dd>
        </div>
      </dl>
      {f.outputWithoutOutcome ? <OutputWithoutOutcomeFlag id={row.id} /> : null}

      {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'loading' ? (
        <Skeleton
          label="Working out why each number is what it is"
          rows={6}
          columns={3}
          testId="detail-loading"
        />
      ) : null}
      {detail ? (
        <>
          {section(
            'why',
            'Why these numbers?',
            <>
              <Breakdown rows={detail.breakdown} />
              <Excluded figures={f} />
              <Forecasts row={row} forecasts={detail.forecasts} />
            </>,
            'Each figure of the outcome, and how it was worked out from the tickets and KPIs.',
          )}
          {section(
            'lists',
            'Tickets behind the numbers',
            <Lists lists={detail.lists} />,
            'Counts are of the tickets you can see; Jira shows all of them with the same search.',
          )}
          {section(
            'trend',
            'Trend',
            <>
              <TrendChart points={detail.trend} releases={releaseMarkers(detail.forecasts.releases)} />
              <ReleaseImpacts releases={detail.forecasts.releases} />
            </>,
            'Delivery and KPI progress against the share of time gone, one snapshot a day, with the days work reached Done. When the lines for delivery and KPIs run under time elapsed, the outcome is falling behind.',
          )}
          {section(
            'kpis',
            'KPIs',
            <KpiCards
              kpis={row.kpis}
              histories={detail.kpis}
              projectKey={projectKey}
              outcomeId={row.id}
              onChanged={() => void reload()}
            />,
          )}
          {section(
            'decisions',
            'Decisions',
            <DecisionsSection
              projectKey={projectKey}
              outcomeId={row.id}
              decisions={detail.decisions}
              canDecide={detail.canDecide}
            />,
            'What the owners, deciders and those it is escalated to decided at reviews, and why; newest first.',
          )}
          {section('tickets', 'Tickets', <TicketsSection projectKey={projectKey} row={row} />)}
        </>
      ) : null}
    </article>
  );
}
