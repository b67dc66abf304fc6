import type { SmartFinding } from '@contract/kpi';
import { plural } from '@domain/units';

/**
 * The SMART check as the admin types: one line per failed letter, each saying what to fix. The count is
 * announced politely; the lines themselves are not re-read on every keystroke.
 */
export function SmartFeedback({ findings }: { findings: readonly SmartFinding[] }) {
  return (
    <section className="ob-smart" data-testid="smart-feedback" aria-label="SMART check">
      <h3 className="ob-heading">SMART check</h3>
      <p className="ob-small" aria-live="polite" data-testid="smart-summary">
        {findings.length === 0
          ? 'Specific, measurable, achievable, relevant and time-bound: ready to save.'
          : `${plural(findings.length, 'check')} to fix before it counts. Until then you can save it as a draft.`}
      </p>
      {findings.length > 0 ? <SmartLines findings={findings} testIdPrefix="smart" /> : null}
    </section>
  );
}

/** One line per failed SMART letter: the letter, then what to fix. */
export function SmartLines({
  findings,
  testIdPrefix,
}: {
  findings: readonly SmartFinding[];
  /** Starts each line's test id: `${testIdPrefix}-S`. */
  testIdPrefix: string;
}) {
  return (
    <ul className="ob-smart__list">
      {findings.map((f) => (
        <li key={f.letter} className="ob-smart__item" data-testid={`${testIdPrefix}-${f.letter}`}>
          <span className="ob-smart__letter" aria-hidden="true">
            {f.letter}
          </span>
          <span>{f.message}</span>
        </li>
      ))}
    </ul>
  );
}
