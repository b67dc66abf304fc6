import type { ExplanationView } from '@contract/project-page';
import type { ReactNode } from 'react';

/**
 * A forecast explained: its answer, then, on demand, the method, the arithmetic with the numbers used and
 * what it leaves out. One block for every forecast, so they all read the same way.
 */
export function Explained({
  title,
  explanation,
  testId,
  children,
}: {
  title: string;
  explanation: ExplanationView;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <section className="ob-explained" aria-label={title} data-testid={testId}>
      <h4 className="ob-heading">{title}</h4>
      {children}
      <p className="ob-text" data-testid={`${testId}-summary`}>
        {explanation.summary}
      </p>
      <details className="ob-why">
        <summary>How this was worked out</summary>
        <p>{explanation.method}</p>
        {explanation.working.length > 0 ? (
          <ul className="ob-explained__list" data-testid={`${testId}-working`}>
            {explanation.working.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
        {explanation.caveats.length > 0 ? (
          <>
            <p>What it leaves out:</p>
            <ul className="ob-explained__list" data-testid={`${testId}-caveats`}>
              {explanation.caveats.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
      </details>
    </section>
  );
}
