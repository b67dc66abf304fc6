import type { Translation } from '@contract/kpi';

/** A technical value in business words, with the arithmetic behind it one click ("How?") away. */
export function TranslationText({
  label,
  translation,
  testId,
}: {
  label: string;
  translation: Translation;
  testId?: string;
}) {
  return (
    <div className="ob-translation" data-testid={testId}>
      <p className="ob-translation__sentence">
        <span className="ob-translation__label">{label}:</span> {translation.sentence}
      </p>
      <details className="ob-how">
        <summary>
          How?<span className="ob-visually-hidden"> The arithmetic for the {label.toLowerCase()}</span>
        </summary>
        <p className="ob-how__body" data-testid={testId ? `${testId}-arithmetic` : undefined}>
          {translation.arithmetic}
        </p>
      </details>
    </div>
  );
}
