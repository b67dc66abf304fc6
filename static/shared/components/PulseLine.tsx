import type { OutcomePulse } from '@contract/issue-panel';
import { HealthLozenge } from './HealthLozenge';
import { Meter } from './Meter';

/** Delivery ("12 of 30 tickets done") and health of an outcome, with the sentence that explains both. */
export function PulseLine({ pulse }: { pulse: OutcomePulse }) {
  const delivery =
    pulse.deliveryRatio === null
      ? 'No tickets serve it yet.'
      : `${pulse.doneTickets} of ${pulse.linkedTickets} tickets done (${Math.round(pulse.deliveryRatio * 100)}%).`;
  return (
    <div className="ob-pulse" data-testid="pulse">
      <div className="ob-pulse__row">
        <HealthLozenge health={pulse.health} explanation={pulse.explanation} />
        <span className="ob-muted">{delivery}</span>
      </div>
      {pulse.deliveryRatio !== null ? (
        <Meter share={pulse.deliveryRatio} label="Share of the outcome's tickets done" />
      ) : null}
      {pulse.outputWithoutOutcome ? (
        <p className="ob-warning-text">
          Output without outcome: most of the work is done, but the KPIs have not moved.
        </p>
      ) : null}
      <details className="ob-why">
        <summary>Why?</summary>
        <p>{pulse.explanation}</p>
      </details>
    </div>
  );
}
