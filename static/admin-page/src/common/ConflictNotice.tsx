import type { AppErrorBody } from '@contract/envelope';
import { Notice } from '@shared/components/Notice';
import { formatMoment } from '@shared/format';
import type { ReactNode } from 'react';

/**
 * Someone saved the outcome after this user opened it: the server's message (it names who), when they
 * saved, and what the user can do about it (`children`: the reload action).
 */
export function ConflictNotice({ error, children }: { error: AppErrorBody; children?: ReactNode }) {
  const when = error.conflict?.changedAt ?? null;
  return (
    <div data-testid="conflict-notice">
      <Notice appearance="warning" title="Changed by someone else">
        <p>{error.message}</p>
        {when ? <p className="ob-muted">That is {formatMoment(when)} your time.</p> : null}
        {children}
      </Notice>
    </div>
  );
}
