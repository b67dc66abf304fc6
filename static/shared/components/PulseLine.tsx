import type { OutcomePulse } from '@contract/issue-panel';
import { percentText } from '@domain/percent';
import { deliveryAmount } from '../delivery';
import { ForecastLine } from './ForecastLine';
import { HealthLozenge } from './HealthLozenge';
import { Meter } from './Meter';

/** Delivery ("12 of 30 tickets done", in the outcome's unit) and health, with the sentence that explains both. */
export function PulseLine({ pulse }: { pulse: OutcomePulse }) {
  const delivery =
    pulse.deliveryRatio === null
      ? 'No tickets serve it yet.'
      : `${deliveryAmount(pulse)} done (${percentText(pulse.deliveryRatio)}).`;
  return (
    <div className="ob-pulse" data-testid="pulse">
      <div className="ob-pulse__row">
        <HealthLozenge health={pulse.health} explanation={pulse.explanation} />
        <span className="ob-muted">{delivery}</span>
      </div>
      {pulse.deliveryRatio !== null ? (
        <Meter share={pulse.deliveryRatio} label="Share of the outcome's work done" />
      ) : null}
      {pulse.deliveryRatio !== null ? (
        <ForecastLine forecast={pulse.forecast} testId="pulse-forecast" />
      ) : null}
      {pulse.outputWithoutOutcome ? (
        <p className="ob-warning-text">
          Output without outcome: most of the work is done, but the KPIs have not moved.
        </p>
      ) : null}
      <details className="ob-why">
        <summary>Why?</summary>
        <p>{pulse.explanation}</p>
        <p data-testid="pulse-counting">{pulse.countingRule}</p>
      </details>
    </div>
  );
}
