import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { useEffect, useRef } from 'react';
import { SettingsEditor } from './SettingsEditor';
import { UsagePanel } from './UsagePanel';
import { useSettings } from './use-settings';

/**
 * The site's thresholds for health and for "output without outcome", as percentages. Everyone who can
 * open the admin page sees them; only Jira admins can change them.
 */
export default function SettingsView({ onBack }: { onBack: () => void }) {
  const { state, reload, save, refresh } = useSettings();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section className="ob-stack" aria-labelledby="settings-heading" data-testid="settings-view">
      <button type="button" className="ob-back" onClick={onBack} data-testid="settings-back">
        <span aria-hidden="true">←</span> All outcomes
      </button>
      <h2 className="ob-detail-title" id="settings-heading" ref={headingRef} tabIndex={-1}>
        Settings
      </h2>
      {state.status === 'loading' ? <LoadingState label="Loading the settings" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <>
          <SettingsEditor view={state.data} save={save} refresh={refresh} />
          {/* Asked once the settings are in: their load's points are in the ledger by then, so the figure is
              what the app had spent when the figures were asked for. */}
          <UsagePanel />
        </>
      ) : null}
    </section>
  );
}
