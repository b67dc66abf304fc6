import Button from '@atlaskit/button/default/button';
import type { PanelLink } from '@contract/issue-panel';
import { plural } from '@domain/units';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { flagSuccess } from '@shared/flags';
import { useLazyComponent } from '@shared/use-lazy';
import { useEffect, useRef, useState } from 'react';
import { LinkCard, linkHeadingId } from './LinkCard';
import { detailsOf, formOfLink } from './link-input';
import { usePanel } from './use-panel';

/** `own`: giving an inherited or rule-mapped outcome this ticket's own link (KPIs, note, RICE). */
type Mode =
  | { kind: 'view' }
  | { kind: 'pick' }
  | { kind: 'edit'; outcomeId: string }
  | { kind: 'own'; outcomeId: string };

// The forms open on a click: they load then, not with the panel (Atlaskit's text fields and pickers).
const loadDetailsForm = () => import('./LinkDetailsForm').then((m) => ({ default: m.LinkDetailsForm }));
const loadPicker = () => import('./OutcomePicker').then((m) => ({ default: m.OutcomePicker }));

export function PanelForIssue({ issueKey }: { issueKey: string }) {
  const { state, reload, busy, failed, clearFailure, changes } = usePanel(issueKey);
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const detailsForm = useLazyComponent(loadDetailsForm, {
    what: "The link's details",
    loading: 'Opening the details',
  });
  const picker = useLazyComponent(loadPicker, 'the outcome picker');
  /** What the last link did, said to screen readers; and the card that takes focus after it. */
  const [said, setSaid] = useState('');
  const focusCard = useRef<string | null>(null);
  useEffect(() => {
    if (!focusCard.current || state.status !== 'ready') return;
    document.getElementById(linkHeadingId(focusCard.current))?.focus();
    focusCard.current = null;
  });

  if (state.status === 'loading') return <LoadingState label="Loading outcomes" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  const view = state.data;

  /** A change that worked leaves the form it came from; one that failed keeps what was typed. */
  const done = (ok: boolean) => {
    if (ok) setMode({ kind: 'view' });
  };
  const error = failed?.error ?? null;
  const fieldErrors = error?.code === 'VALIDATION_FAILED' ? error.fieldErrors : [];

  return (
    <div className="ob-stack ob-stack--tight">
      <p className="ob-visually-hidden" role="status" data-testid="panel-said">
        {said}
      </p>
      <p className="ob-text ob-muted">
        {view.links.length === 0
          ? `${issueKey} does not serve an outcome yet.`
          : `${issueKey} serves ${plural(view.links.length, 'outcome')}.`}
      </p>
      {view.links.map((link) =>
        (mode.kind === 'edit' || mode.kind === 'own') && mode.outcomeId === link.outcomeId && link.outcome ? (
          detailsForm.wrap(
            <detailsForm.Component
              outcomeTitle={link.outcome.title}
              intro={mode.kind === 'own' ? ownIntro(link) : null}
              kpis={link.outcome.kpis}
              initial={formOfLink(link)}
              submitLabel={mode.kind === 'own' ? 'Save as this ticket’s own' : 'Save'}
              busy={busy === link.outcomeId}
              fieldErrors={fieldErrors}
              onSubmit={(form) =>
                // An own link for an outcome the ticket already serves another way sits in front of it
                // (the domain keeps both and shows the outcome once); links/add is what creates it.
                void (
                  mode.kind === 'own'
                    ? changes.add(
                        link.outcomeId,
                        link.outcomeId,
                        detailsOf(form),
                        'save this ticket’s own link',
                      )
                    : changes.update(link.outcomeId, detailsOf(form), 'save the link’s details')
                ).then(done)
              }
              onCancel={() => {
                clearFailure();
                setMode({ kind: 'view' });
              }}
            />,
            link.outcomeId,
          )
        ) : (
          <LinkCard
            key={`${link.source}:${link.outcomeId}`}
            link={link}
            projectKey={view.issue.projectKey}
            canEdit={view.canEdit}
            busy={busy === link.outcomeId}
            onEdit={() => setMode({ kind: 'edit', outcomeId: link.outcomeId })}
            onMakeOwn={() => setMode({ kind: 'own', outcomeId: link.outcomeId })}
            onRemove={() =>
              void changes.remove(link.outcomeId, `remove “${link.outcome?.title ?? 'the link'}”`).then(done)
            }
          />
        ),
      )}
      {failed && (failed.error.code !== 'VALIDATION_FAILED' || mode.kind === 'view') ? (
        <div data-testid="panel-action-error">
          <ErrorState
            error={{ ...failed.error, message: `Could not ${failed.what}. ${failed.error.message}` }}
            onRetry={failed.retry}
          />
        </div>
      ) : null}
      {view.canEdit && view.removed.length > 0 ? (
        <div className="ob-small ob-muted" data-testid="removed-outcomes">
          Removed from this ticket:{' '}
          {view.removed.map((r) => (
            <span key={r.outcomeId}>
              {r.title ?? 'a removed outcome'}{' '}
              <Button
                appearance="subtle"
                spacing="compact"
                isLoading={busy === r.outcomeId}
                onClick={() =>
                  void changes
                    .restore(r.outcomeId, `restore “${r.title ?? 'the removed outcome'}”`)
                    .then(done)
                }
              >
                Restore
              </Button>
            </span>
          ))}
        </div>
      ) : null}
      {view.canEdit && view.issue.parentKey ? (
        <label className="ob-check ob-small">
          <input
            type="checkbox"
            checked={!view.optOutOfInheritance}
            disabled={busy === 'inheritance'}
            onChange={(e) => {
              const optOut = !e.currentTarget.checked;
              void changes
                .inheritance(
                  optOut,
                  optOut ? 'stop inheriting the parent’s outcomes' : 'inherit the parent’s outcomes again',
                )
                .then(done);
            }}
          />
          Also count it toward the outcomes its parent {view.issue.parentKey} serves
        </label>
      ) : null}
      {!view.canEdit ? (
        <Notice appearance="information">
          <p>
            {view.links.length === 0
              ? `${view.issue.key} serves no outcome yet. Linking it to one needs permission to edit ${view.issue.key}.`
              : `You can see what ${view.issue.key} serves. Changing it needs permission to edit ${view.issue.key}.`}
          </p>
        </Notice>
      ) : mode.kind === 'pick' ? (
        picker.wrap(
          <picker.Component
            issueKey={issueKey}
            busy={busy === 'add'}
            fieldErrors={fieldErrors}
            onLink={(outcomeId, form, title) =>
              void changes.add('add', outcomeId, detailsOf(form), 'link the ticket').then((ok) => {
                done(ok);
                if (!ok) return;
                focusCard.current = outcomeId;
                setSaid(`Linked ${issueKey} to “${title}”.`);
                flagSuccess('Linked', `${issueKey} now serves “${title}”.`);
              })
            }
            onClose={() => {
              clearFailure();
              setMode({ kind: 'view' });
            }}
          />,
        )
      ) : (
        <div>
          <Button
            appearance={view.links.length === 0 ? 'primary' : 'default'}
            onClick={() => setMode({ kind: 'pick' })}
          >
            Link to an outcome
          </Button>
        </div>
      )}
    </div>
  );
}

/** Tells what saving changes: the ticket gets a link of its own, which keeps serving if the parent or rule stops. */
function ownIntro(link: PanelLink): string {
  const from =
    link.source === 'inherited'
      ? `inherited from ${link.inheritedFrom ?? 'the parent'}`
      : 'linked by a mapping rule';
  return `This ticket serves it ${from}. Saving links it here too, with the KPIs, note and RICE below.`;
}
