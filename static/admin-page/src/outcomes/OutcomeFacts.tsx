import type { AdminOutcome } from '@contract/outcome';
import { projectsInWords } from '@domain/project-words';
import { formatDay, formatMoment } from '@shared/format';
import { PeopleNames } from '../common/PeopleNames';
import { describeRollup } from './rollup-words';
import type { AdminProject } from './use-admin-page';

/**
 * The outcome's fields, owners, decision roles, how its delivery is measured and its place in the
 * alignment tree, as a list of facts.
 */
export function OutcomeFacts({
  outcome,
  projects,
  childOutcomes,
  parentVisible,
  onOpenOutcome,
}: {
  outcome: AdminOutcome;
  projects: readonly AdminProject[];
  /** Outcomes that name this one as their parent. */
  childOutcomes: readonly AdminOutcome[];
  /** Whether the parent is one the caller may open; otherwise it is "an outcome you cannot see". */
  parentVisible: boolean;
  onOpenOutcome: (id: string) => void;
}) {
  const projectName = new Map(projects.map((p) => [p.key, p.name]));
  return (
    <dl className="ob-facts" data-testid="outcome-facts">
      <div>
        <dt>Projects</dt>
        <dd data-testid="detail-projects">
          {projectsInWords(
            outcome.projectKeys.map((k) => `${projectName.get(k) ?? k} (${k})`),
            outcome.hiddenProjects,
          )}
        </dd>
      </div>
      <div>
        <dt>Timeframe</dt>
        <dd data-testid="detail-timeframe">
          {formatDay(outcome.startDate)} to {formatDay(outcome.dueDate)}
        </dd>
      </div>
      <div>
        <dt>Business owner</dt>
        <dd data-testid="detail-business-owner">
          {outcome.businessOwner?.displayName ?? <span className="ob-muted">not set</span>}
        </dd>
      </div>
      <div>
        <dt>Technology owner</dt>
        <dd data-testid="detail-technology-owner">
          {outcome.technologyOwner?.displayName ?? <span className="ob-muted">not set</span>}
        </dd>
      </div>
      <div>
        <dt>Who decides</dt>
        <dd>
          <PeopleNames people={outcome.roles.decides} testId="detail-decides" />
        </dd>
      </div>
      <div>
        <dt>Who advises</dt>
        <dd>
          <PeopleNames people={outcome.roles.advises} testId="detail-advises" />
        </dd>
      </div>
      <div>
        <dt>Escalated to</dt>
        <dd>
          <PeopleNames people={outcome.roles.escalatedTo} testId="detail-escalated-to" />
        </dd>
      </div>
      <div>
        <dt>Delivery</dt>
        <dd data-testid="detail-rollup">{describeRollup(outcome.rollup)}</dd>
      </div>
      <div>
        <dt>Parent outcome</dt>
        <dd data-testid="detail-parent">
          {outcome.parent && !parentVisible ? (
            <span className="ob-muted">{outcome.parent.title}</span>
          ) : outcome.parent ? (
            <button
              type="button"
              className="ob-link-button"
              onClick={() => outcome.parent && onOpenOutcome(outcome.parent.id)}
            >
              {outcome.parent.title}
            </button>
          ) : (
            <span className="ob-muted">none</span>
          )}
        </dd>
      </div>
      {childOutcomes.length > 0 ? (
        <div>
          <dt>Child outcomes</dt>
          <dd>
            <ul className="ob-inline-list" data-testid="detail-children">
              {childOutcomes.map((c) => (
                <li key={c.id}>
                  <button type="button" className="ob-link-button" onClick={() => onOpenOutcome(c.id)}>
                    {c.title}
                  </button>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Last edited</dt>
        <dd>
          {outcome.updatedBy?.displayName ?? 'Someone'},{' '}
          <time dateTime={outcome.updatedAt}>{formatMoment(outcome.updatedAt)}</time>
        </dd>
      </div>
    </dl>
  );
}
