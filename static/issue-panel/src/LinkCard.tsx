import Button from '@atlaskit/button/default/button';
import type { PanelLink } from '@contract/issue-panel';
import { OwnersLine } from '@shared/components/OwnersLine';
import { PulseLine } from '@shared/components/PulseLine';
import { StateLozenge } from '@shared/components/StateLozenge';
import { formatDay } from '@shared/format';
import { KpiLine } from './KpiLine';

interface Props {
  link: PanelLink;
  canEdit: boolean;
  busy: boolean;
  onEdit: () => void;
  onRemove: () => void;
}

const SOURCE: Record<PanelLink['source'], (link: PanelLink) => string> = {
  own: () => 'Linked on this ticket',
  mapped: () => 'Linked by an admin’s mapping rule',
  inherited: (link) => `Inherited from ${link.inheritedFrom ?? 'the parent'}`,
};

/** One outcome the ticket serves, in business words; or a clearable "outcome removed" line. */
export function LinkCard({ link, canEdit, busy, onEdit, onRemove }: Props) {
  const { outcome } = link;
  if (!outcome) {
    return (
      <div className="ob-card" data-testid="link-removed">
        <div className="ob-pulse__row">
          <span className="ob-muted">Outcome removed: it was deleted after this ticket was linked.</span>
          {canEdit ? (
            <Button appearance="subtle" isLoading={busy} onClick={onRemove}>
              Clear
            </Button>
          ) : null}
        </div>
      </div>
    );
  }
  const decides = outcome.decides.map((u) => u.displayName).join(', ') || 'not named';
  return (
    <div className="ob-card" data-testid="link-card">
      <div className="ob-stack ob-stack--tight">
        <div className="ob-pulse__row ob-spread">
          <h3 className="ob-heading">{outcome.title}</h3>
          <StateLozenge state={outcome.state} />
        </div>
        <span className="ob-source" data-testid="link-source">
          {SOURCE[link.source](link)}
        </span>
        <p className="ob-text">{outcome.statement}</p>
        {link.note ? <p className="ob-text">“{link.note}”</p> : null}
        <PulseLine pulse={outcome.pulse} />
        {link.kpis.map((k) => (
          <KpiLine key={k.id} kpi={k} />
        ))}
        <OwnersLine business={outcome.businessOwner} technology={outcome.technologyOwner} />
        <span className="ob-small ob-muted">
          Decides: {decides} · Due {formatDay(outcome.dueDate)}
          {link.riceScore !== null ? ` · RICE ${link.riceScore}` : ''}
        </span>
        {canEdit ? (
          <div className="ob-actions ob-actions--start">
            {link.source === 'own' ? (
              <Button appearance="subtle" onClick={onEdit} aria-label={`Edit link to ${outcome.title}`}>
                Edit
              </Button>
            ) : null}
            <Button
              appearance="subtle"
              isLoading={busy}
              onClick={onRemove}
              aria-label={`${link.source === 'own' ? 'Unlink from' : 'Remove from this ticket:'} ${outcome.title}`}
            >
              {link.source === 'own' ? 'Unlink' : 'Remove here'}
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
