/**
 * Grey bars where a table or a section will be, so the layout does not jump when the data arrives.
 * Screen readers hear the label once, not the bars.
 */
export function Skeleton({
  label,
  rows = 3,
  columns = 5,
  testId,
}: {
  label: string;
  rows?: number;
  columns?: number;
  testId?: string;
}) {
  return (
    <div className="ob-skeleton" role="status" aria-live="polite" data-testid={testId}>
      <span className="ob-visually-hidden">{label}…</span>
      <div
        className="ob-skeleton__grid"
        aria-hidden="true"
        style={{ gridTemplateColumns: `2fr repeat(${columns - 1}, 1fr)` }}
      >
        {Array.from({ length: rows * columns }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
          <span key={i} className={`ob-skeleton__bar${i < columns ? ' ob-skeleton__bar--head' : ''}`} />
        ))}
      </div>
    </div>
  );
}
