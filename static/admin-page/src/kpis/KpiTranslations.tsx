import type { KpiView } from '@contract/kpi';
import { TranslationText } from './TranslationText';

/** A technical KPI's current value and target in business words, each with its arithmetic. */
export function KpiTranslations({ kpi }: { kpi: KpiView }) {
  if (kpi.kind !== 'technical') return null;
  const { current, target } = kpi.translation;
  if (!current && !target) {
    return (
      <p className="ob-small ob-muted" data-testid="kpi-translation">
        {kpi.unit === null || kpi.unit === 'custom'
          ? 'No business translation: choose a technical unit such as availability or latency to get one.'
          : 'No business translation for these values yet.'}
      </p>
    );
  }
  return (
    <div className="ob-kpi__translations" data-testid="kpi-translation">
      {current ? (
        <TranslationText label="Now" translation={current} testId="kpi-translation-current" />
      ) : (
        <p className="ob-small ob-muted">Now: no value checked in yet.</p>
      )}
      {target ? (
        <TranslationText
          label={kpi.direction === 'maintain' ? 'Goal' : 'Target'}
          translation={target}
          testId="kpi-translation-target"
        />
      ) : null}
    </div>
  );
}
