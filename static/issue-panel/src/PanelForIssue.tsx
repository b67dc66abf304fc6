import Button from '@atlaskit/button/default/button';
import type { AppErrorBody, Reply } from '@contract/envelope';
import type { PanelLink, PanelView } from '@contract/issue-panel';
import { issuePanelApi } from '@shared/client';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { plural } from '@shared/format';
import { useReply } from '@shared/use-reply';
import { useState } from 'react';
import { LinkCard } from './LinkCard';
import { LinkDetailsForm } from './LinkDetailsForm';
import { detailsOf, formOfLink } from './link-input';
import { OutcomePicker } from './OutcomePicker';

/** `own`: giving an inherited or rule-mapped outcome this ticket's own link (KPIs, note, RICE). */
type Mode =
  | { kind: 'view' }
  | { kind: 'pick' }
  | { kind: 'edit'; outcomeId: string }
  | { kind: 'own'; outcomeId: string };

export function PanelForIssue({ issueKey }: { issueKey: string }) {
  const { state, reload, replace } = useReply(() => issuePanelApi('panel/load', { issueKey }), issueKey);
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);

  if (state.status === 'loading') return <LoadingState label="Loading outcomes" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  const view = state.data;

  /** Runs a change; on success adopts the panel state it returned, on failure keeps what was typed. */
  const act = async (key: string, run: () => Promise<Reply<PanelView>>) => {
    setBusy(key);
    setError(null);
    const reply = await run();
    setBusy(null);
    if (reply.ok) {
      replace(reply.data);
      setMode({ kind: 'view' });
    } else {
      setError(reply.error);
    }
  };
  const fieldErrors = error?.code === 'VALIDATION_FAILED' ? error.fieldErrors : [];

  return (
    <div className="ob-stack ob-stack--tight">
      <p className="ob-text ob-muted">
        {view.links.length === 0
          ? `${issueKey} does not serve an outcome yet.`
          : `${issueKey} serves ${plural(view.links.length, 'outcome')}.`}
      </p>
      {view.links.map((link) =>
        (mode.kind === 'edit' || mode.kind === 'own') && mode.outcomeId === link.outcomeId && link.outcome ? (
          <LinkDetailsForm
            key={link.outcomeId}
            outcomeTitle={link.outcome.title}
            intro={mode.kind === 'own' ? ownIntro(link) : null}
            kpis={link.outcome.kpis}
            initial={formOfLink(link)}
            submitLabel={mode.kind === 'own' ? 'Save as this ticket’s own' : 'Save'}
            busy={busy === link.outcomeId}
            fieldErrors={fieldErrors}
            onSubmit={(form) =>
              void act(link.outcomeId, () =>
                // An own link for an outcome the ticket already serves another way sits in front of it
                // (the domain keeps both and shows the outcome once); links/add is what creates it.
                issuePanelApi(mode.kind === 'own' ? 'links/add' : 'links/update', {
                  issueKey,
                  outcomeId: link.outcomeId,
                  ...detailsOf(form),
                }),
              )
            }
            onCancel={() => {
              setError(null);
              setMode({ kind: 'view' });
            }}
          />
        ) : (
          <LinkCard
            key={`${link.source}:${link.outcomeId}`}
            link={link}
            canEdit={view.canEdit}
            busy={busy === link.outcomeId}
            onEdit={() => setMode({ kind: 'edit', outcomeId: link.outcomeId })}
            onMakeOwn={() => setMode({ kind: 'own', outcomeId: link.outcomeId })}
            onRemove={() =>
              void act(link.outcomeId, () =>
                issuePanelApi('links/remove', { issueKey, outcomeId: link.outcomeId }),
              )
            }
          />
        ),
      )}
      {error && error.code !== 'VALIDATION_FAILED' ? <ErrorState error={error} /> : null}
      {error?.code === 'VALIDATION_FAILED' && mode.kind === 'view' ? <ErrorState error={error} /> : null}
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
                  void act(r.outcomeId, () =>
                    issuePanelApi('links/restore', { issueKey, outcomeId: r.outcomeId }),
                  )
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
              void act('inheritance', () => issuePanelApi('links/inheritance', { issueKey, optOut }));
            }}
          />
          Serve what {view.issue.parentKey} serves
        </label>
      ) : null}
      {!view.canEdit ? (
        <Notice appearance="information">
          <p>
            You can see what {view.issue.key} serves. Changing it needs permission to edit {view.issue.key}.
          </p>
        </Notice>
      ) : mode.kind === 'pick' ? (
        <OutcomePicker
          issueKey={issueKey}
          busy={busy === 'add'}
          fieldErrors={fieldErrors}
          onLink={(outcomeId, form) =>
            void act('add', () => issuePanelApi('links/add', { issueKey, outcomeId, ...detailsOf(form) }))
          }
          onClose={() => {
            setError(null);
            setMode({ kind: 'view' });
          }}
        />
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
