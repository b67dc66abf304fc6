import type { ReactNode } from 'react';

/**
 * An empty state that teaches: what would be here, why it is empty and what to do next. Hand-made on
 * Atlaskit's tokens like `Notice`; @atlaskit/empty-state brings an image layout and button group it needs not.
 */
export function EmptyState({
  title,
  children,
  action,
  testId,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="ob-empty" aria-label={title} data-testid={testId}>
      <h2 className="ob-empty__title">{title}</h2>
      <div className="ob-empty__body">{children}</div>
      {action ? <div className="ob-empty__action">{action}</div> : null}
    </section>
  );
}
