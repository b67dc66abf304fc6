import { Notice } from '@shared/components/Notice';

/** Outcome-level warnings (e.g. more than three KPIs): visible, but they never block anything. */
export function OutcomeWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div data-testid="outcome-warnings">
      <Notice appearance="warning" title="Worth a look">
        {warnings.length === 1 ? (
          <p>{warnings[0]}</p>
        ) : (
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </Notice>
    </div>
  );
}
