import Button from '@atlaskit/button/default/button';
import { percentText } from '@domain/percent';
import { countText } from '@domain/units';
import { ErrorState } from '@shared/components/ErrorState';
import { Meter } from '@shared/components/Meter';
import { aboutCount } from '@shared/format';
import type { Loadable } from '@shared/use-reply';
import { useId } from 'react';
import { openOnClick, searchPath } from './jira-links';
import { Skeleton } from './Skeleton';
import { TicketList } from './TicketList';
import { type Coverage, type CoveragePeriod, PERIODS } from './use-coverage';

/** The DOM id of "Link these", where focus returns when the link dialog it opened closes. */
export const LINK_UNALIGNED_ID = 'link-unaligned';

/**
 * Alignment coverage: how much of the project's work serves any outcome, for a period, and the work that
 * serves none, with a way to see it all in Jira and, for editors, to link it.
 */
export function CoveragePanel({
  projectName,
  period,
  onPeriod,
  state,
  onRetry,
  linkThese,
  onPrefetchLink,
}: {
  projectName: string;
  period: CoveragePeriod;
  onPeriod: (period: CoveragePeriod) => void;
  state: Loadable<Coverage>;
  onRetry: () => void;
  /** Opens the link dialog with these tickets, or says why linking is not offered here. */
  linkThese: { onLink: (keys: string[]) => void } | { unavailable: string };
  onPrefetchLink: () => void;
}) {
  const uid = useId();
  const words = PERIODS.find((p) => p.value === period)?.words ?? '';
  const data = state.status === 'ready' ? state.data : null;
  return (
    <section className="ob-coverage" aria-labelledby={`${uid}-title`} data-testid="coverage">
      <div className="ob-section-head">
        <h2 className="ob-section-title" id={`${uid}-title`}>
          Alignment coverage
        </h2>
        <p className="ob-small ob-muted">
          The share of {projectName}'s stories, tasks and bugs created in the period that serve at least one
          outcome: linked directly, by an admin's rule, or through their epic. Epics and subtasks are not
          counted, as in delivery: epics are containers, and subtasks count through their parent ticket. So a
          subtask linked while its parent is not leaves the parent unaligned here, and an outcome that counts
          subtasks on their own does so in its delivery only: coverage asks of each piece of the project's
          work once.
        </p>
      </div>
      <fieldset className="ob-segmented" data-testid="coverage-period">
        <legend className="ob-label">Tickets created</legend>
        <div className="ob-segmented__options">
          {PERIODS.map((p) => (
            <label key={p.value} className="ob-segmented__option">
              <input
                type="radio"
                name={`${uid}-period`}
                value={p.value}
                checked={period === p.value}
                onChange={() => onPeriod(p.value)}
                data-testid={`coverage-period-${p.value}`}
              />
              <span>{p.label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {state.status === 'loading' ? (
        <Skeleton label="Counting aligned tickets" rows={2} columns={3} testId="coverage-loading" />
      ) : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={onRetry} /> : null}
      {data && data.total === 0 ? (
        <p className="ob-muted" data-testid="coverage-empty">
          No {projectName} tickets were created {words}, so there is nothing to measure. Choose a longer
          period.
        </p>
      ) : null}
      {data && data.total > 0 ? (
        <div className="ob-stack" aria-busy={state.status === 'ready' && state.refreshing}>
          <div className="ob-coverage__share">
            <p className="ob-coverage__figure">
              {data.estimated ? 'About ' : ''}
              <strong data-testid="coverage-share">{percentText(data.share) ?? '—'}</strong>{' '}
              <span>
                of tickets serve an outcome: {data.estimated ? 'about ' : ''}
                <span data-testid="coverage-aligned">{countText(data.aligned)}</span> of{' '}
                {data.estimated ? 'about ' : ''}
                <span data-testid="coverage-total">{countText(data.total)}</span> created {words}.
              </span>
            </p>
            {data.estimated ? (
              <p className="ob-small ob-muted" data-testid="coverage-estimated">
                Jira's estimates: there are too many tickets to count one by one.
              </p>
            ) : null}
            {data.share !== null ? (
              <Meter share={data.share} label={`Alignment coverage ${words}`} testId="coverage-meter" />
            ) : null}
          </div>
          <Unaligned
            data={data}
            projectName={projectName}
            words={words}
            linkThese={linkThese}
            onPrefetchLink={onPrefetchLink}
          />
        </div>
      ) : null}
    </section>
  );
}

function Unaligned({
  data,
  projectName,
  words,
  linkThese,
  onPrefetchLink,
}: {
  data: Coverage;
  projectName: string;
  words: string;
  linkThese: { onLink: (keys: string[]) => void } | { unavailable: string };
  onPrefetchLink: () => void;
}) {
  const { count, tickets, jql, estimated } = data.unaligned;
  if (count === 0) {
    return (
      <p className="ob-text-success" data-testid="coverage-all-aligned">
        Every {projectName} ticket created {words} serves an outcome.
      </p>
    );
  }
  const keys = tickets.map((t) => t.key);
  return (
    <div className="ob-stack ob-stack--tight ob-coverage__unaligned" data-testid="coverage-unaligned">
      <h3 className="ob-heading">
        Work that serves no outcome: {estimated ? 'about ' : ''}
        <span data-testid="coverage-unaligned-count">{countText(count)}</span>{' '}
        {count === 1 ? 'ticket' : 'tickets'}
      </h3>
      <p className="ob-small ob-muted">
        {tickets.length < count
          ? `The ${tickets.length} newest are listed here. `
          : count === 1
            ? 'It is listed here. '
            : `All ${count} are listed here, newest first. `}
        <a
          href={searchPath(jql)}
          onClick={openOnClick(searchPath(jql))}
          className="ob-link"
          data-testid="coverage-unaligned-jira"
        >
          See {count === 1 ? 'it' : `all ${aboutCount(count, estimated)}`} in Jira
        </a>
      </p>
      <TicketList
        tickets={tickets}
        label="Tickets that serve no outcome"
        testId="coverage-unaligned-list"
        scroll
      />
      {'onLink' in linkThese ? (
        <div className="ob-coverage__actions">
          <Button
            id={LINK_UNALIGNED_ID}
            testId={LINK_UNALIGNED_ID}
            appearance="primary"
            onClick={() => linkThese.onLink(keys)}
            onMouseEnter={onPrefetchLink}
            onFocus={onPrefetchLink}
          >
            Link {keys.length === 1 ? 'this ticket' : `these ${keys.length} tickets`}…
          </Button>
          <span className="ob-small ob-muted">
            You pick the outcome they serve before anything is linked.
            {tickets.length < count
              ? ` To link all ${aboutCount(count, estimated)}, use JQL in the dialog.`
              : ''}
          </span>
        </div>
      ) : (
        <p className="ob-small ob-muted" data-testid="coverage-link-unavailable">
          {linkThese.unavailable}
        </p>
      )}
    </div>
  );
}
