import type { OutcomeFigures } from '@contract/project-page';
import { countingRuleInWords } from '@domain/rollup';
import { countText, plural } from '@domain/units';
import { formatMoment } from '@shared/format';
import { HEALTH_LABEL } from '../figures';
import { openOnClick, searchPath } from '../jira-links';
import { TicketList } from '../TicketList';
import type { OutcomeDetail } from './use-outcome-detail';

/** The server's values are data; a health key or an instant is said as people read it. */
function displayValue(value: string): string {
  if (value in HEALTH_LABEL) return HEALTH_LABEL[value as keyof typeof HEALTH_LABEL];
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(Date.parse(value))) return formatMoment(value);
  if (value === 'n/a') return 'nothing to measure';
  return value;
}

const slug = (figure: string) => figure.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** "Why this number?": every figure of the outcome, its value and how it was worked out. */
export function Breakdown({ rows }: { rows: OutcomeDetail['breakdown'] }) {
  return (
    <table className="ob-table ob-breakdown" data-testid="breakdown">
      <caption className="ob-visually-hidden">Every figure of this outcome and how it was worked out</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Value</th>
          <th scope="col">How it was worked out</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.figure} data-testid={`breakdown-${slug(r.figure)}`} data-figure={r.figure}>
            <th scope="row">{r.figure}</th>
            <td className="ob-breakdown__value" data-testid="breakdown-value">
              {displayValue(r.value)}
            </td>
            <td className="ob-breakdown__how">{r.how}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the delivery figure leaves out and why, in plain words. */
export function Excluded({ figures }: { figures: OutcomeFigures }) {
  const { epics, subtasks } = figures.excluded;
  const lines: string[] = [];
  if (epics > 0) {
    lines.push(
      `${plural(epics, 'epic')} ${epics === 1 ? 'serves' : 'serve'} this outcome but ${epics === 1 ? 'is' : 'are'} not counted ${epics === 1 ? 'itself' : 'themselves'}: the stories, tasks and bugs under ${epics === 1 ? 'it' : 'them'} are, so no work is counted twice.`,
    );
  }
  if (figures.countSubtasks) {
    lines.push(countingRuleInWords(true));
  } else if (subtasks > 0) {
    lines.push(
      `${plural(subtasks, 'subtask')} ${subtasks === 1 ? 'is' : 'are'} not counted: ${subtasks === 1 ? 'its parent ticket is' : 'their parent tickets are'}.`,
      // Only subtasks whose parent serves the outcome are left out; the others are the only place that work shows.
      'A subtask that serves this outcome while its parent does not counts like any other ticket.',
    );
  }
  if (lines.length === 0) lines.push('Nothing that serves this outcome is left out of the numbers.');
  return (
    <div className="ob-excluded" data-testid="excluded">
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  );
}

type Sample = NonNullable<OutcomeDetail['lists']['overdue']>;

/** One list behind a number: how many, the first tickets, and all of them in Jira's search. */
function SampleCard({
  title,
  meaning,
  sample,
  testId,
}: {
  title: string;
  meaning: string;
  sample: Sample;
  testId: string;
}) {
  const path = searchPath(sample.jql);
  return (
    <section className="ob-sample" aria-label={title} data-testid={testId}>
      <h4 className="ob-heading">
        {title}: {sample.estimated ? 'about ' : ''}
        <span data-testid={`${testId}-count`}>{countText(sample.total)}</span>
      </h4>
      <p className="ob-small ob-muted">{meaning}</p>
      {sample.estimated ? (
        // Two estimates say nothing exact about the tickets between them: both are given as what they are.
        <p className="ob-small" data-testid={`${testId}-estimated`}>
          Jira's estimate: there are too many to count one by one. About {countText(sample.count)} of them are
          in projects and tickets you can browse.
        </p>
      ) : sample.total > sample.count ? (
        <p className="ob-small" data-testid={`${testId}-hidden`}>
          {hiddenWords(sample.total - sample.count)} in projects or tickets you cannot browse; listed here{' '}
          {sample.count === 1 ? 'is the one' : `are the ${sample.count}`} you can see.
        </p>
      ) : null}
      {sample.count === 0 ? (
        <p className="ob-small">{sample.total === 0 ? 'None.' : 'None that you can see.'}</p>
      ) : (
        <>
          <TicketList tickets={sample.tickets} label={title} testId={`${testId}-tickets`} />
          <p className="ob-small">
            {sample.tickets.length < sample.count ? `The first ${sample.tickets.length}, by key. ` : ''}
            <a href={path} onClick={openOnClick(path)} className="ob-link" data-testid={`${testId}-jira`}>
              See {sample.count === 1 ? 'it' : sample.estimated ? 'them all' : `all ${sample.count}`} in Jira
            </a>
          </p>
        </>
      )}
    </section>
  );
}

const hiddenWords = (n: number) => (n === 1 ? '1 of them is' : `${n} of them are`);

/** Each list of tickets behind a number, in the order shown: what it is called and what it counts. */
const LISTS = [
  {
    key: 'overdue',
    title: 'Overdue',
    meaning: 'Counted tickets not done whose due date has passed.',
    testId: 'list-overdue',
  },
  {
    key: 'unestimated',
    title: 'Without an estimate',
    meaning:
      'Counted tickets with no story points: they add nothing to delivery until someone estimates them.',
    testId: 'list-unestimated',
  },
  {
    key: 'addedAfterStart',
    title: 'Added after the start',
    meaning: 'Counted tickets created on or after the day the outcome started: scope that grew while it ran.',
    testId: 'list-added',
  },
] as const satisfies readonly {
  key: keyof OutcomeDetail['lists'];
  title: string;
  meaning: string;
  testId: string;
}[];

/** The tickets behind the overdue, unestimated and added-after-start numbers (a list the answer leaves out is not shown). */
export function Lists({ lists }: { lists: OutcomeDetail['lists'] }) {
  return (
    <div className="ob-samples">
      {LISTS.map(({ key, ...words }) => {
        const sample = lists[key];
        return sample ? <SampleCard key={key} {...words} sample={sample} /> : null;
      })}
    </div>
  );
}
