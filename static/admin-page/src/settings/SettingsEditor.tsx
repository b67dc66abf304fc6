import Button from '@atlaskit/button/default/button';
import type { AppErrorBody } from '@contract/envelope';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import { formatMoment } from '@shared/format';
import { type FormEvent, useId, useState } from 'react';
import { flushSync } from 'react-dom';
import { AlsoCheck } from '../common/AlsoCheck';
import { ConflictNotice } from '../common/ConflictNotice';
import { withoutMessages } from '../common/field-messages';
import { PercentField } from './PercentField';
import {
  placeSettingsErrors,
  SETTINGS_FIELDS,
  type SettingsField,
  type SettingsForm,
  type SettingsMessages,
  sameSettingsForm,
  settingsDraftOf,
  settingsFormOf,
} from './settings-form';
import type { SettingsView, useSettings } from './use-settings';

/**
 * The settings form: read-only for those who may not change them. What was typed stays through errors;
 * a save that lost a race offers the stored settings instead.
 */
export function SettingsEditor({
  view,
  save,
  refresh,
}: {
  view: SettingsView;
  save: ReturnType<typeof useSettings>['save'];
  refresh: ReturnType<typeof useSettings>['refresh'];
}) {
  const uid = useId();
  const [form, setForm] = useState<SettingsForm>(() => settingsFormOf(view.settings));
  const [loaded, setLoaded] = useState<SettingsForm>(form);
  const [version, setVersion] = useState(view.version);
  const [messages, setMessages] = useState<SettingsMessages>({});
  const [other, setOther] = useState<string[]>([]);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const readOnly = !view.canEdit;
  const dirty = !sameSettingsForm(form, loaded);

  const set = (field: SettingsField, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setSaved(null);
    setMessages((m) => withoutMessages(m, [field]));
  };
  const focusFirst = (m: SettingsMessages) => {
    const first = SETTINGS_FIELDS.find((f) => m[f] !== undefined);
    if (first) document.getElementById(`${uid}-${first}`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || readOnly) return;
    setSaved(null);
    setError(null);
    setOther([]);
    const result = settingsDraftOf(form);
    if (!result.ok) {
      setMessages(result.messages);
      focusFirst(result.messages);
      return;
    }
    setBusy(true);
    const reply = await save(version, result.draft);
    if (reply.ok) {
      setBusy(false);
      const next = settingsFormOf(reply.data.settings);
      setForm(next);
      setLoaded(next);
      setVersion(reply.data.version);
      setMessages({});
      setSaved('Settings saved. Health is worked out with them from now on.');
      return;
    }
    const placed = placeSettingsErrors(reply.error.fieldErrors);
    // Rendered at once, so the fields are enabled again and the first one with an error can take focus.
    flushSync(() => {
      setBusy(false);
      setMessages(placed.byField);
      setOther(placed.other);
      setError(reply.error);
    });
    focusFirst(placed.byField);
  };

  const loadTheirs = async () => {
    const reply = await refresh();
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    const next = settingsFormOf(reply.data.settings);
    setForm(next);
    setLoaded(next);
    setVersion(reply.data.version);
    setMessages({});
    setError(null);
    setSaved(null);
  };

  const conflict = error?.code === 'CONFLICT' ? error : null;
  const otherError = error && error.code !== 'CONFLICT' ? error : null;
  /** A section's percentage fields, side by side. */
  const percentFields = (fields: readonly SettingsField[]) => (
    <div className="ob-form-grid">
      {fields.map((field) => (
        <PercentField
          key={field}
          id={`${uid}-${field}`}
          field={field}
          value={form[field]}
          error={messages[field]}
          readOnly={readOnly}
          disabled={busy}
          onChange={set}
        />
      ))}
    </div>
  );

  return (
    <form className="ob-stack ob-settings" onSubmit={(e) => void submit(e)} noValidate aria-label="Settings">
      {readOnly ? (
        <div data-testid="settings-read-only">
          <Notice appearance="information">
            <p>Only Jira admins can change these settings. They apply to every project's outcomes.</p>
          </Notice>
        </div>
      ) : null}
      {conflict ? (
        <ConflictNotice error={conflict}>
          <p>
            <Button onClick={() => void loadTheirs()} testId="settings-reload">
              {dirty ? 'Load their settings (replaces your edits)' : 'Load their settings'}
            </Button>
          </p>
        </ConflictNotice>
      ) : null}
      {otherError ? <ErrorState error={otherError} /> : null}
      <AlsoCheck messages={other} />
      <fieldset className="ob-fieldset">
        <legend className="ob-section-title">Health</legend>
        {percentFields(['atRiskGap', 'offTrackGap'])}
      </fieldset>
      <fieldset className="ob-fieldset">
        <legend className="ob-section-title">Output without outcome</legend>
        <p className="ob-small ob-muted">
          Most of the work is done but the KPIs have not moved: the team delivered, and the business result
          did not follow. Outcome Bridge flags it so both sides talk about it.
        </p>
        {percentFields(['deliveryAtLeast', 'kpiProgressAtMost'])}
      </fieldset>
      <fieldset className="ob-fieldset">
        <legend className="ob-section-title">Release impact</legend>
        <p className="ob-small ob-muted">
          The project page marks the days work reached Done on the trend and says whether each KPI moved
          across them. A change after a release is not proof that the release caused it.
        </p>
        {percentFields(['releaseWindowDays'])}
      </fieldset>
      <fieldset className="ob-fieldset">
        <legend className="ob-section-title">Jira allowance</legend>
        <p className="ob-small ob-muted">
          Jira charges every app points for its requests and refuses them all once the hour’s allowance is
          spent, for every user. Background work keeps to a share, so pages stay quick and other apps keep
          theirs.
        </p>
        {percentFields(['backgroundSharePercent', 'hourlyQuotaPoints'])}
      </fieldset>
      <p className="ob-small ob-muted" data-testid="settings-updated">
        {view.updatedAt ? `Last changed ${formatMoment(view.updatedAt)}.` : 'These are the default settings.'}
      </p>
      {readOnly ? null : (
        <div className="ob-actions ob-actions--start">
          <Button type="submit" appearance="primary" isLoading={busy} testId="settings-save">
            Save settings
          </Button>
          <p className="ob-small ob-text-success ob-center" aria-live="polite" data-testid="settings-saved">
            {saved}
          </p>
        </div>
      )}
    </form>
  );
}
