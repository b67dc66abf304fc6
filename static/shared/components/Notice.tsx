import type { ReactNode } from 'react';

type Appearance = 'information' | 'warning' | 'error' | 'success';

const ICON: Record<Appearance, string> = { information: 'ℹ', warning: '⚠', error: '⨯', success: '✓' };

/**
 * A section message on Atlaskit's tokens. @atlaskit/section-message pulls in a dismiss IconButton with
 * tooltip and popup layers (about 20 kB gzip); a notice needs none of it.
 */
export function Notice({
  appearance,
  title,
  children,
}: {
  appearance: Appearance;
  title?: string;
  children: ReactNode;
}) {
  return (
    <section
      className={`ob-notice ob-notice--${appearance}`}
      role={appearance === 'error' ? 'alert' : 'status'}
      aria-label={title ?? appearance}
    >
      <span className="ob-notice__icon" aria-hidden="true">
        {ICON[appearance]}
      </span>
      <div className="ob-notice__body">
        {title ? <h4 className="ob-heading">{title}</h4> : null}
        {children}
      </div>
    </section>
  );
}
