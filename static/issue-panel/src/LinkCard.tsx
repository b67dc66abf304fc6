import Button from '@atlaskit/button/default/button';
import type { PanelLink } from '@contract/issue-panel';
import { formatNumber } from '@domain/units';
import { OwnersLine } from '@shared/components/OwnersLine';
import { PulseLine } from '@shared/components/PulseLine';
import { StateLozenge } from '@shared/components/StateLozenge';
import { formatDay } from '@shared/format';
import { KpiLine } from './KpiLine';

interface Props {
  link: PanelLink;
  /** The ticket's project: where a KPI's check-in link leads for its project admins. */
  projectKey: string;
  canEdit: boolean;
  busy: boolean;
  onEdit: () => void;
  /** Opens the details editor for an inherited or rule-mapped outcome, to give it this ticket's own link. */
  onMakeOwn: () => void;
  onRemove: () => void;
}

/** The id of a card's heading, where focus goes once the ticket is linked to its outcome. */
export const linkHeadingId = (outcomeId: string) => `link-heading-${outcomeId}`;

/** "RICE score 16,000 (reach × impact × confidence ÷ effort)": the number with the scale it is on. */
const riceInWords = (score: number) =>
  `RICE score ${formatNumber(score, 2)} (reach × impact × confidence ÷ effort; higher goes first)`;

const inheritedWords = (from: string | null) => `inherited from ${from ?? 'the parent'}`;

function sourceWords(link: PanelLink): string {
  if (link.source === 'mapped') return 'Linked by an admin’s mapping rule';
  if (link.source === 'inherited') return `Inherited from ${link.inheritedFrom ?? 'the parent'}`;
  const also = link.alsoFrom;
  if (!also) return 'Linked on this ticket';
  // Said so people know removing it here also drops what the rule or parent brings.
  return `Linked on this ticket; also ${also.source === 'mapped' ? 'by an admin’s mapping rule' : inheritedWords(also.inheritedFrom)}`;
}

/**
 * One outcome the ticket serves, in business words; or, for people who may edit the ticket, a clearable
 * "not valid here" line for a link the app does not trust (its outcome was removed, or does not cover
 * this project), which says nothing of that outcome.
 */
export function LinkCard({ link, projectKey, canEdit, busy, onEdit, onMakeOwn, onRemove }: Props) {
  const { outcome } = link;
  if (!outcome) {
    return (
      <div className="ob-card" data-testid="link-removed">
        <div className="ob-pulse__row">
          <span className="ob-muted">
            Not valid here: this link names an outcome that was removed or does not cover this project. It
            counts nowhere; clear it.
          </span>
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
  // "Unlink" only when the own link is the sole reason; otherwise removing takes the outcome off the
  // ticket altogether (restorable), which "Remove here" says.
  const unlinks = link.source === 'own' && link.alsoFrom === null;
  return (
    <div className="ob-card" data-testid="link-card">
      <div className="ob-stack ob-stack--tight">
        <div className="ob-pulse__row ob-spread">
          <h3 className="ob-heading" id={linkHeadingId(link.outcomeId)} tabIndex={-1}>
            {outcome.title}
          </h3>
          <StateLozenge state={outcome.state} />
        </div>
        <span className="ob-source" data-testid="link-source">
          {sourceWords(link)}
        </span>
        <p className="ob-text">{outcome.statement}</p>
        {link.note ? <p className="ob-text">“{link.note}”</p> : null}
        <PulseLine pulse={outcome.pulse} />
        {link.kpis.map((k) => (
          <KpiLine key={k.id} kpi={k} outcomeId={link.outcomeId} projectKey={projectKey} />
        ))}
        <OwnersLine business={outcome.businessOwner} technology={outcome.technologyOwner} />
        <span className="ob-small ob-muted">
          Decides: {decides} · Due {formatDay(outcome.dueDate)}
          {link.riceScore !== null ? ` · ${riceInWords(link.riceScore)}` : ''}
        </span>
        {canEdit ? (
          <div className="ob-actions ob-actions--start">
            {link.source === 'own' ? (
              <Button appearance="subtle" onClick={onEdit} aria-label={`Edit link to ${outcome.title}`}>
                Edit
              </Button>
            ) : outcome.state === 'active' ? (
              <Button
                appearance="subtle"
                onClick={onMakeOwn}
                aria-label={`Add this ticket’s own details for ${outcome.title}`}
              >
                Add this ticket’s own details
              </Button>
            ) : null}
            <Button
              appearance="subtle"
              isLoading={busy}
              onClick={onRemove}
              // The name starts with the visible words, so speech users can say what they see.
              aria-label={`${unlinks ? 'Unlink from' : 'Remove here:'} ${outcome.title}`}
            >
              {unlinks ? 'Unlink' : 'Remove here'}
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
