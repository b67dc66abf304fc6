import type { KpiView } from '@contract/kpi';
import { plural } from '@domain/units';
import { formatDay, formatMoment } from '@shared/format';
import { useState } from 'react';
import { EditDeleteButtons, type RecordActions } from '../common/RecordDialogs';
import type { OutcomeDetail } from '../outcomes/use-outcome-detail';
import { CheckInForm } from './CheckInForm';
import { CheckInHistory } from './CheckInHistory';
import { KpiFigures } from './KpiFigures';
import { KpiRefreshButton } from './KpiRefreshButton';
import { KpiSmartList, KpiWarnings } from './KpiSmartList';
import { KpiSourceLine } from './KpiSourceLine';
import { KpiTranslations } from './KpiTranslations';
import { KIND_NAME } from './kpi-labels';

export const kpiHeadingId = (id: string) => `kpi-heading-${id}`;

/**
 * One KPI of the outcome: what it measures, where it stands against its target, what that means in
 * business terms, its pairing and source, what keeps it from being SMART, and its check-ins.
 */
export function KpiCard({
  kpi,
  canManage,
  onEdit,
  onDelete,
  onDetail,
  onPrefetch,
  focusCheckIn = false,
}: RecordActions<KpiView> & {
  kpi: KpiView;
  canManage: boolean;
  /** Focus the check-in form on first show (the page was opened from a "check-in due" link). */
  focusCheckIn?: boolean;
  /** Adopts the outcome's detail a check-in or refresh returned. */
  onDetail: (detail: OutcomeDetail) => void;
  onPrefetch: () => void;
}) {
  const [historyOpen, setHistoryOpen] = useState(false);
  const computed = kpi.source.type !== 'manual';
  const mayCheckIn = canManage && !computed;
  // Each press of "Check in now" moves focus to the form's value; the first comes from the address.
  const [focusTick, setFocusTick] = useState(focusCheckIn ? 1 : 0);
  return (
    <article
      className={`ob-kpi${kpi.isDraft ? ' ob-kpi--draft' : ''}`}
      aria-labelledby={kpiHeadingId(kpi.id)}
      data-testid={`kpi-row-${kpi.id}`}
    >
      <header className="ob-kpi__head">
        <h4 className="ob-kpi__name" id={kpiHeadingId(kpi.id)} tabIndex={-1}>
          {kpi.name}
        </h4>
        <span className={`ob-kind ob-kind--${kpi.kind}`} data-testid="kpi-kind-badge">
          {KIND_NAME[kpi.kind]}
        </span>
        {kpi.isDraft ? (
          <span className="ob-lozenge ob-lozenge--draft" data-testid="kpi-draft">
            Draft
          </span>
        ) : null}
        {canManage ? (
          <div className="ob-actions ob-kpi__actions">
            {computed ? <KpiRefreshButton kpi={kpi} onRefreshed={onDetail} /> : null}
            <EditDeleteButtons
              record={kpi}
              actions={{ onEdit, onDelete }}
              what={kpi.name}
              testIds={{ edit: 'kpi-edit', delete: 'kpi-delete' }}
              prefetchEditor={onPrefetch}
            />
          </div>
        ) : null}
      </header>

      {kpi.isDraft ? (
        <p className="ob-small ob-draft-note" data-testid="kpi-draft-note">
          Saved as a draft: it does not pass the SMART check yet
          {kpi.smart.length > 0 ? ` (${plural(kpi.smart.length, 'letter')} to fix, below)` : ''}.
        </p>
      ) : null}
      {kpi.description ? <p className="ob-kpi__description">{kpi.description}</p> : null}

      <KpiFigures kpi={kpi} />
      {kpi.checkInDue ? (
        <p className="ob-small ob-due" data-testid={`kpi-due-${kpi.id}`}>
          <span className="ob-lozenge ob-lozenge--due">
            {mayCheckIn ? 'Check-in due' : 'Check-in overdue'}
          </span>{' '}
          {kpi.checkInDue.words}{' '}
          {mayCheckIn ? (
            <button
              type="button"
              className="ob-link-button"
              data-testid={`kpi-due-action-${kpi.id}`}
              onClick={() => setFocusTick((n) => n + 1)}
            >
              Check in now
            </button>
          ) : null}
        </p>
      ) : null}
      <KpiTranslations kpi={kpi} />

      <dl className="ob-kpi__meta">
        <div>
          <dt>{kpi.kind === 'business' ? 'Moved by' : 'Moves'}</dt>
          <dd data-testid="kpi-paired">
            {kpi.partners.length > 0 ? (
              kpi.partners.map((p) => p.name).join(', ')
            ) : (
              <span className="ob-muted">not paired</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>
            <KpiSourceLine kpi={kpi} />
          </dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{formatDay(kpi.dueDate)}</dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd className="ob-small">
            {kpi.updatedBy?.displayName ?? 'Outcome Bridge'},{' '}
            <time dateTime={kpi.updatedAt}>{formatMoment(kpi.updatedAt)}</time>
          </dd>
        </div>
      </dl>

      <KpiSmartList findings={kpi.smart} />
      <KpiWarnings findings={kpi.warnings} />

      {mayCheckIn ? (
        <CheckInForm
          kpi={kpi}
          focusTick={focusTick}
          onCheckedIn={(detail) => {
            setHistoryOpen(true);
            onDetail(detail);
          }}
        />
      ) : null}
      <CheckInHistory
        kpi={kpi}
        open={historyOpen}
        onToggle={() => setHistoryOpen((o) => !o)}
        onDetail={onDetail}
      />
    </article>
  );
}
