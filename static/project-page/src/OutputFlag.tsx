/** The "output without outcome" signal: work delivered, KPIs not moving. Said in words, not only a colour. */
export function OutputWithoutOutcomeFlag({ id }: { id: string }) {
  return (
    <p className="ob-flag" data-testid={`output-without-outcome-${id}`}>
      <span className="ob-flag__mark" aria-hidden="true">
        ⚠
      </span>
      <span>
        <strong>Output without outcome:</strong> most of the work is done, but the KPIs have not moved.
      </span>
    </p>
  );
}
