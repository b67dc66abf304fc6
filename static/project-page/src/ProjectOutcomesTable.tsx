import Button from '@atlaskit/button/default/button';
import DynamicTable from '@atlaskit/dynamic-table/stateless';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import type { UserRef } from '@contract/primitives';
import type { ProjectOutcomeRow } from '@contract/project-page';
import { percentText } from '@domain/percent';
import { COUNTS_CHECKED } from '@domain/recount-words';
import { plural } from '@domain/units';
import { CheckInDue } from '@shared/components/CheckInDue';
import { ForecastLine } from '@shared/components/ForecastLine';
import { HealthLozenge } from '@shared/components/HealthLozenge';
import { Meter } from '@shared/components/Meter';
import { StateLozenge } from '@shared/components/StateLozenge';
import { DELIVERY_UNIT, deliveryAmount } from '@shared/delivery';
import { formatMoment } from '@shared/format';
import { type MouseEvent, type ReactElement, useEffect, useState } from 'react';
import { COUNTED_BY, elapsedDays } from './figures';
import { OutputWithoutOutcomeFlag } from './OutputFlag';
import { dateRange, type Sort, type SortKey, sortKeys } from './outcome-table';

const head = (withActions: boolean): HeadType => ({
  cells: [
    { key: 'title', content: 'Outcome', isSortable: true, width: 20 },
    { key: 'health', content: 'Health', isSortable: true, width: 12 },
    { key: 'delivery', content: 'Delivery', isSortable: true, width: 14 },
    { key: 'kpi', content: 'KPI progress', isSortable: true, width: 18 },
    { key: 'elapsed', content: 'Time elapsed', isSortable: true, width: 10 },
    { key: 'people', content: 'Owners and decisions', width: 13 },
    {
      key: 'reconciled',
      // What the time means, on hover; the outcome's "why these numbers" says it in full.
      content: <span title={COUNTS_CHECKED.help}>{COUNTS_CHECKED.term}</span>,
      isSortable: true,
      width: 9,
    },
    ...(withActions
      ? [{ key: 'actions', content: <span className="ob-visually-hidden">Actions</span>, width: 8 }]
      : []),
  ],
});

/** The DOM id of an outcome's "Link tickets" button, where focus returns when its dialog closes. */
export const bulkLinkOpenerId = (outcomeId: string) => `bulk-link-${outcomeId}`;
/** The test id (and DOM id) of the button that opens an outcome's detail: where focus returns from it. */
export const openOutcomeId = (outcomeId: string) => `open-outcome-${outcomeId}`;

/** A click anywhere on a row opens it, except on its own buttons, links and disclosures. */
const fromControl = (event: MouseEvent) =>
  event.target instanceof Element &&
  event.target.closest('button, a, input, select, summary, details') !== null;

export function ProjectOutcomesTable({
  projectKey,
  projectName,
  outcomes,
  sort,
  onSort,
  refreshing,
  emptyView,
  onOpen,
  onPrefetchDetail,
  onLinkTickets,
  onPrefetchLink,
}: {
  projectKey: string;
  projectName: string;
  outcomes: ProjectOutcomeRow[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  refreshing: boolean;
  emptyView: ReactElement;
  /** Opens the outcome's detail ("why this number?"). */
  onOpen: (outcome: ProjectOutcomeRow) => void;
  onPrefetchDetail: () => void;
  /** Opens the bulk link dialog for an active outcome; null when the caller may not link the tickets. */
  onLinkTickets: ((outcome: ProjectOutcomeRow) => void) | null;
  /** Starts loading the dialog early, on hover or focus of an opener. */
  onPrefetchLink: () => void;
}) {
  const keys = sortKeys(outcomes, sort);
  const rank = (o: ProjectOutcomeRow, key: SortKey) => keys.get(o.id)?.[key] ?? 0;
  const rows: RowType[] = outcomes.map((o) => {
    const row: RowType = {
      key: o.id,
      className: 'ob-row-clickable',
      testId: `outcome-row-${o.id}`,
      onClick: (event: MouseEvent) => {
        if (!fromControl(event)) onOpen(o);
      },
      cells: [
        {
          key: rank(o, 'title'),
          content: <TitleCell row={o} onOpen={onOpen} onPrefetch={onPrefetchDetail} />,
        },
        { key: rank(o, 'health'), content: <HealthCell row={o} /> },
        { key: rank(o, 'delivery'), content: <DeliveryCell row={o} /> },
        { key: rank(o, 'kpi'), content: <KpiCell row={o} projectKey={projectKey} /> },
        { key: rank(o, 'elapsed'), content: <ElapsedCell row={o} /> },
        { content: <PeopleCell row={o} /> },
        { key: rank(o, 'reconciled'), content: <ReconciledCell row={o} /> },
      ],
    };
    if (!onLinkTickets) return row;
    row.cells.push({
      content:
        o.state === 'active' ? (
          <Button
            id={bulkLinkOpenerId(o.id)}
            testId={bulkLinkOpenerId(o.id)}
            aria-label={`Link tickets to ${o.title}`}
            onClick={() => onLinkTickets(o)}
            onMouseEnter={onPrefetchLink}
            onFocus={onPrefetchLink}
          >
            Link tickets
          </Button>
        ) : null,
    });
    return row;
  });

  return (
    <div className="ob-outcomes-table">
      <DynamicTable
        testId="project-outcomes"
        label={`Outcomes of ${projectName}`}
        head={head(onLinkTickets !== null)}
        rows={rows}
        sortKey={sort.key}
        sortOrder={sort.order}
        onSort={(data: { key: SortKey; sortOrder: Sort['order'] }) =>
          onSort({ key: data.key, order: data.sortOrder })
        }
        isLoading={refreshing}
        loadingLabel="Refreshing outcomes"
        emptyView={emptyView}
      />
    </div>
  );
}

function TitleCell({
  row,
  onOpen,
  onPrefetch,
}: {
  row: ProjectOutcomeRow;
  onOpen: (row: ProjectOutcomeRow) => void;
  onPrefetch: () => void;
}) {
  return (
    <div className="ob-outcome-cell">
      <button
        type="button"
        id={openOutcomeId(row.id)}
        className="ob-link-button ob-cell-title"
        onClick={() => onOpen(row)}
        onFocus={onPrefetch}
        onMouseEnter={onPrefetch}
        data-testid={openOutcomeId(row.id)}
        aria-describedby={`${openOutcomeId(row.id)}-hint`}
        // A long title stops after three lines; the whole of it shows on hover (and is the button's name).
        title={row.title}
      >
        <span className="ob-clamp-3">{row.title}</span>
      </button>
      <span id={`${openOutcomeId(row.id)}-hint`} className="ob-visually-hidden">
        Opens why each number is what it is, and the tickets behind it.
      </span>
      <div>
        <StateLozenge state={row.state} />
      </div>
      <p className="ob-snippet" title={row.statement}>
        {row.statement}
      </p>
    </div>
  );
}

function HealthCell({ row }: { row: ProjectOutcomeRow }) {
  const f = row.figures;
  return (
    <div className="ob-cell-stack">
      <span data-testid={`health-${row.id}`} data-health={f.health}>
        <HealthLozenge health={f.health} explanation={f.explanation} />
      </span>
      {f.outputWithoutOutcome ? <OutputWithoutOutcomeFlag id={row.id} /> : null}
      <details className="ob-why">
        <summary>Why?</summary>
        <p data-testid={`health-why-${row.id}`}>{f.explanation}</p>
      </details>
    </div>
  );
}

function DeliveryCell({ row }: { row: ProjectOutcomeRow }) {
  const f = row.figures;
  const unit = DELIVERY_UNIT[f.method];
  const ticketCounts = (
    <>
      <span data-testid={`done-count-${row.id}`}>{row.doneCount}</span> of{' '}
      <span data-testid={`linked-count-${row.id}`}>{row.linkedCount}</span>{' '}
      {row.linkedCount === 1 ? 'ticket' : 'tickets'} done
    </>
  );
  if (f.deliveryRatio === null) {
    return (
      <div className="ob-cell-stack ob-small">
        <span className="ob-muted" data-testid={`delivery-${row.id}`}>
          {row.linkedCount === 0 ? (
            <>
              <span data-testid={`linked-count-${row.id}`}>0</span> tickets serve it yet.
            </>
          ) : (
            <>
              {ticketCounts}; none has {unit.many} to measure.
            </>
          )}
        </span>
      </div>
    );
  }
  const percent = percentText(f.deliveryRatio);
  return (
    <div className="ob-cell-stack" data-testid={`delivery-${row.id}`}>
      <span>
        <strong data-testid={`delivery-percent-${row.id}`}>{percent}</strong>{' '}
        <span className="ob-small ob-muted">{COUNTED_BY[f.method]}</span>
      </span>
      <Meter share={f.deliveryRatio} label={`${row.title}: ${deliveryAmount(f)} done`} />
      <span className="ob-small" data-testid={`delivery-amount-${row.id}`}>
        {f.method === 'count' ? ticketCounts : `${deliveryAmount(f)} done`}
      </span>
      {f.method !== 'count' ? <span className="ob-small ob-muted">{ticketCounts}</span> : null}
      {f.method === 'points' && f.unestimated > 0 ? (
        <span className="ob-small ob-text-warning">
          {plural(f.unestimated, 'ticket')} without an estimate
        </span>
      ) : null}
      <ForecastLine forecast={f.forecast} testId={`forecast-${row.id}`} />
    </div>
  );
}

function KpiCell({ row, projectKey }: { row: ProjectOutcomeRow; projectKey: string }) {
  const f = row.figures;
  const percent = percentText(f.kpiProgress);
  return (
    <div className="ob-cell-stack">
      {percent !== null && f.kpiProgress !== null ? (
        <>
          <span>
            <strong data-testid={`kpi-percent-${row.id}`}>{percent}</strong>{' '}
            <span className="ob-small ob-muted">of the way to target</span>
          </span>
          <Meter share={f.kpiProgress} label={`${row.title}: KPIs ${percent} of the way to target`} />
        </>
      ) : (
        <span className="ob-small ob-muted" data-testid={`kpi-percent-${row.id}`}>
          {row.kpis.length === 0 ? 'No KPIs yet' : 'No KPI value yet'}
        </span>
      )}
      {row.kpis.length > 0 ? (
        <ul className="ob-kpi-mini" aria-label={`KPIs of ${row.title}`}>
          {row.kpis.map((k) => (
            <li key={k.id} data-testid={`row-kpi-${k.id}`}>
              <span className="ob-small">
                {k.name}: {k.progressBrief}
                {k.isDraft ? <span className="ob-muted"> (draft, not counted)</span> : null}
              </span>
              {k.translation.current ? (
                <span className="ob-small ob-muted ob-block" title={k.translation.current.arithmetic}>
                  {k.translation.current.sentence}
                </span>
              ) : null}
              <CheckInDue kpi={k} outcomeId={row.id} projectKey={projectKey} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ElapsedCell({ row }: { row: ProjectOutcomeRow }) {
  const share = row.figures.timeElapsed;
  const days = elapsedDays(row.startDate, row.dueDate);
  if (share === null) {
    return (
      <span className="ob-small ob-muted" data-testid={`elapsed-percent-${row.id}`}>
        No timeframe set
      </span>
    );
  }
  return (
    <div className="ob-cell-stack">
      <strong data-testid={`elapsed-percent-${row.id}`}>{percentText(share)}</strong>
      <Meter share={share} label={`${row.title}: ${percentText(share)} of the time gone`} />
      {days ? (
        <span className="ob-small ob-muted">
          {days.gone} of {days.total} days
        </span>
      ) : null}
      <span className="ob-small ob-muted ob-nowrap" data-testid={`dates-${row.id}`}>
        {dateRange(row.startDate, row.dueDate)}
      </span>
    </div>
  );
}

type AvatarComponent = typeof import('@atlaskit/avatar')['default'];
/**
 * Atlaskit's Avatar comes after first paint (it weighs 6 kB gzip, the table's whole margin): one download
 * for every row, and until it arrives a circle of the same size with the person's initials and name.
 */
let avatarLoad: Promise<AvatarComponent> | null = null;
let avatarLoaded: AvatarComponent | null = null;
const loadAvatar = () => {
  avatarLoad ??= import('@atlaskit/avatar').then((m) => {
    avatarLoaded = m.default;
    return m.default;
  });
  return avatarLoad;
};

function useAvatar(): AvatarComponent | null {
  const [component, setComponent] = useState<AvatarComponent | null>(() => avatarLoaded);
  useEffect(() => {
    if (component) return;
    let live = true;
    loadAvatar()
      .then((c) => live && setComponent(() => c))
      // Without the chunk the initials stay: they say the same.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [component]);
  return component;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');

/** One person as Jira shows them in a list: their avatar, with the role and the name on hover. */
function PersonAvatar({ person, duty }: { person: UserRef; duty: string }) {
  const Avatar = useAvatar();
  return (
    <span className="ob-person" title={`${duty}: ${person.displayName}`}>
      {Avatar ? (
        <Avatar size="small" name={person.displayName} src={person.avatarUrl ?? undefined} />
      ) : (
        <span className="ob-person__initials" role="img" aria-label={person.displayName}>
          <span aria-hidden="true">{initials(person.displayName)}</span>
        </span>
      )}
    </span>
  );
}

function People({ people, duty }: { people: readonly UserRef[]; duty: string }) {
  if (people.length === 0) return <span className="ob-muted">not set</span>;
  return (
    <span className="ob-people__avatars">
      {people.map((p) => (
        <PersonAvatar key={p.accountId} person={p} duty={duty} />
      ))}
    </span>
  );
}

/** Owners and who decides as avatars (names on hover and to screen readers), so the column stays narrow. */
function PeopleCell({ row }: { row: ProjectOutcomeRow }) {
  const one = (p: UserRef | null) => (p ? [p] : []);
  return (
    <dl className="ob-people ob-small" data-testid={`people-${row.id}`}>
      <dt>Business</dt>
      <dd>
        <People people={one(row.businessOwner)} duty="Business owner" />
      </dd>
      <dt>Technology</dt>
      <dd>
        <People people={one(row.technologyOwner)} duty="Technology owner" />
      </dd>
      <dt>Decides</dt>
      <dd>
        <People people={row.decides} duty="Decides" />
      </dd>
    </dl>
  );
}

function ReconciledCell({ row }: { row: ProjectOutcomeRow }) {
  if (row.recomputing) {
    return (
      <span className="ob-small ob-text-warning" data-testid={`reconciled-${row.id}`}>
        Recounting…
        <span className="ob-block ob-muted">The counting rules changed; the numbers catch up shortly.</span>
      </span>
    );
  }
  return (
    <span className="ob-small" data-testid={`reconciled-${row.id}`}>
      {row.reconciledAt ? (
        formatMoment(row.reconciledAt)
      ) : (
        <>
          Not yet
          <span className="ob-block ob-muted">
            Counts follow ticket changes; the daily recount checks them in Jira.
          </span>
        </>
      )}
      {row.lastDrift && row.lastDrift.corrected > 0 ? (
        <span className="ob-block ob-muted">corrected {plural(row.lastDrift.corrected, 'ticket')}</span>
      ) : null}
    </span>
  );
}
