import type { DeliveryForecastBrief } from '@contract/issue-panel';
import { percentText } from '@domain/percent';
import { formatDay } from '../format';

/**
 * The delivery forecast in one line, as the project page's row and the issue panel's card show it: the
 * likely date, the 85% date and the chance of finishing by the due date. Without a date (all done, too
 * little history, not within the horizon) it says so in words instead of a number.
 */
export function ForecastLine({ forecast, testId }: { forecast: DeliveryForecastBrief; testId: string }) {
  if (forecast.kind !== 'forecast' || forecast.likely === null || forecast.safe === null) {
    return (
      <span className="ob-small ob-muted" data-testid={testId} data-kind={forecast.kind}>
        {forecast.headline}
      </span>
    );
  }
  return (
    <span className="ob-small" data-testid={testId} data-kind={forecast.kind} title={forecast.headline}>
      Likely done{' '}
      <strong data-testid={`${testId}-likely`}>
        <time dateTime={forecast.likely}>{formatDay(forecast.likely)}</time>
      </strong>
      , 85% sure by{' '}
      <strong data-testid={`${testId}-safe`}>
        <time dateTime={forecast.safe}>{formatDay(forecast.safe)}</time>
      </strong>
      {forecast.chanceByDue === null ? null : (
        <>
          ; <strong data-testid={`${testId}-chance`}>{percentText(forecast.chanceByDue)}</strong> chance by
          the due date
        </>
      )}
    </span>
  );
}
