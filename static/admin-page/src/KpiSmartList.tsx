import type { SmartFinding } from '@contract/kpi';

/** The server's SMART findings for a saved KPI: one line per failed letter. */
export function KpiSmartList({ findings }: { findings: readonly SmartFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <div className="ob-smart ob-smart--compact" data-testid="kpi-smart">
      <p className="ob-small">
        <strong>Not yet SMART</strong>
      </p>
      <ul className="ob-smart__list">
        {findings.map((f) => (
          <li key={f.letter} className="ob-smart__item" data-testid={`kpi-smart-${f.letter}`}>
            <span className="ob-smart__letter" aria-hidden="true">
              {f.letter}
            </span>
            <span>{f.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
