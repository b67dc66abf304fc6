import type { KpiUnit } from '@contract/limits';
import { translate } from '@domain/translate';
import { TECHNICAL_UNITS } from '@domain/units';
import { parseNumber } from '../common/parse-number';
import type { KpiForm } from './kpi-form';
import { TranslationText } from './TranslationText';

/**
 * What the numbers typed so far mean for the business, for units with a translation: baseline and
 * target, or the band's bounds for a KPI to maintain.
 */
export function TranslationPreview({ form }: { form: KpiForm }) {
  const unit: KpiUnit | null = form.unit === '' ? null : form.unit;
  if (unit === null || !TECHNICAL_UNITS.has(unit)) {
    if (form.kind !== 'technical') return null;
    return (
      <section className="ob-preview" data-testid="translation-preview" aria-label="In business terms">
        <h3 className="ob-heading">In business terms</h3>
        <p className="ob-small ob-muted">
          Choose availability, error rate, latency, time to recover or deploys per week as the unit, and the
          values are said here in business terms as you type.
        </p>
      </section>
    );
  }
  const values: [string, string, string][] =
    form.direction === 'maintain'
      ? [
          ['Lower bound', form.bandMin, 'band-min'],
          ['Upper bound', form.bandMax, 'band-max'],
        ]
      : [
          ['Baseline', form.baseline, 'baseline'],
          ['Target', form.target, 'target'],
        ];
  return (
    <section className="ob-preview" data-testid="translation-preview" aria-label="In business terms">
      <h3 className="ob-heading">In business terms</h3>
      {values.map(([label, raw, key]) => {
        const n = parseNumber(raw);
        const translation = typeof n === 'number' ? translate(n, unit) : null;
        return translation ? (
          <TranslationText
            key={key}
            label={label}
            translation={translation}
            testId={`translation-preview-${key}`}
          />
        ) : (
          <p key={key} className="ob-small ob-muted" data-testid={`translation-preview-${key}`}>
            {label}: {n === null ? 'type a value to see what it means.' : 'no translation for this value.'}
          </p>
        );
      })}
    </section>
  );
}
