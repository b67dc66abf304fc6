import { usageInWords } from '@domain/points-budget';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { useUsage } from './use-usage';

/**
 * What the app spent of Jira's hourly points quota, this hour and over the day, next to the share background
 * work holds itself to. Jira charges every app points for each request and refuses all of its requests once
 * the hour's quota is spent, so this is the figure to watch when the site runs other apps too.
 */
export function UsagePanel() {
  const { state, reload } = useUsage();
  return (
    <section className="ob-fieldset ob-stack" aria-labelledby="usage-heading" data-testid="usage-panel">
      <h3 className="ob-section-title" id="usage-heading">
        Jira requests this app makes
      </h3>
      <p className="ob-small ob-muted">
        Jira Cloud meters each app in points: a point for each request, plus a point for each ticket or other
        item it returns. Nightly checks and rule backfills keep to a share of your site’s hourly allowance and
        continue in the next hour when it is spent. Pages people open are never held back, and count too.
      </p>
      {state.status === 'loading' ? <LoadingState label="Loading what the app used" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? <UsageFigures view={state.data} /> : null}
    </section>
  );
}

function UsageFigures({ view }: { view: Parameters<typeof usageInWords>[0] }) {
  const words = usageInWords(view);
  if (!words) {
    return (
      <p data-testid="usage-empty">
        Nothing recorded in the last 24 hours: the app has not used any of Jira’s allowance yet. Background
        work may use {view.sharePercent}% of it each hour.
      </p>
    );
  }
  return (
    <ul className="ob-usage ob-stack ob-stack--tight" data-testid="usage-figures">
      <li data-testid="usage-hour">{words.hour}</li>
      <li data-testid="usage-day">{words.day}</li>
      <li className="ob-small ob-muted" data-testid="usage-allowance">
        {words.allowance}
      </li>
    </ul>
  );
}
