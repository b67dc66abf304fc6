import Button from '@atlaskit/button/default/button';
import ProgressBar from '@atlaskit/progress-bar';
import type { AppErrorBody } from '@contract/envelope';
import { JQL_LENGTH, JQL_TOO_LONG, MAX_KPIS_PER_LINK } from '@contract/limits';
import type { RunView } from '@contract/rules';
import { plural } from '@domain/units';
import { CheckOption, withChosen } from '@shared/components/CheckOption';
import { CodeTextarea } from '@shared/components/CodeTextarea';
import { ErrorState } from '@shared/components/ErrorState';
import { ModalLayout } from '@shared/components/ModalLayout';
import { Notice } from '@shared/components/Notice';
import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { parseIssueKeys } from './bulk-keys';
import { BULK_LINK_TITLE, type BulkOutcomeChoice } from './bulk-link-modal';
import { rateLimitNote, runDetail, runHeadline } from './bulk-run-words';
import { type BulkLinkInput, type BulkRunState, type CountsCheck, useBulkRun } from './use-bulk-run';
import type { ProjectView } from './use-project-outcomes';

type Target = 'jql' | 'keys';
type Field = 'outcome' | 'kpis' | 'jql' | 'keys';
type FieldMessages = Partial<Record<Field, string>>;

/**
 * How the dialog was left: nothing started, a run still going, a run finished whose counts are not yet on
 * the page, or all done. The page says what happens next when something is still under way.
 */
export type BulkCloseReason = 'unused' | 'running' | 'counting' | 'finished';

export interface BulkLinkDialogProps {
  projectKey: string;
  projectName: string;
  /** The project's active outcomes: the only ones tickets can be linked to. */
  outcomes: BulkOutcomeChoice[];
  /** The outcome picked at first; an empty string makes the user pick one. */
  initialOutcomeId: string;
  /** Tickets to link, filled in as keys (e.g. the unaligned work of the coverage panel), or null. */
  initialKeys: readonly string[] | null;
  onClose: (reason: BulkCloseReason) => void;
  /** Loads the project's outcomes and counts again; the new data, or null if that failed. */
  refresh: () => Promise<ProjectView | null>;
}

/**
 * The page's counts include a run once the server has recounted its outcome after the run finished
 * (it does so in the background); a run that changed nothing changes no count.
 */
const countsIncludeRun =
  (refresh: BulkLinkDialogProps['refresh']): CountsCheck =>
  async (run, input) => {
    const view = await refresh();
    if (!view) return null;
    if (run.changed === 0 || !run.finishedAt) return true;
    const row = view.outcomes.find((o) => o.id === input.outcomeId);
    if (!row) return true;
    return row.reconciledAt !== null && row.reconciledAt >= run.finishedAt;
  };

/**
 * Links many tickets of the project to an outcome at once: the tickets matching a JQL (confined to the
 * project by the server) or a list of keys. The server links them in the background; the dialog follows
 * the run until it is done, then brings the page's counts up to date.
 */
export default function BulkLinkDialog({
  projectKey,
  projectName,
  outcomes,
  initialOutcomeId,
  initialKeys,
  onClose,
  refresh,
}: BulkLinkDialogProps) {
  const uid = useId();
  const [outcomeId, setOutcomeId] = useState(initialOutcomeId);
  const [kpiIds, setKpiIds] = useState<string[]>([]);
  const prefilled = initialKeys !== null && initialKeys.length > 0;
  const [target, setTarget] = useState<Target>(prefilled ? 'keys' : 'jql');
  const [jql, setJql] = useState('');
  const [keysText, setKeysText] = useState(prefilled ? initialKeys.join(', ') : '');
  const [local, setLocal] = useState<FieldMessages>({});
  const { state, start, checkAgain, reset } = useBulkRun(projectKey, countsIncludeRun(refresh));
  const firstField = useRef<HTMLSelectElement>(null);
  const progressRef = useRef<HTMLElement>(null);

  const outcome = outcomes.find((o) => o.id === outcomeId);
  const kpis = outcome?.kpis ?? [];
  const rejected = state.phase === 'rejected' ? state.error : null;
  const server =
    rejected?.code === 'VALIDATION_FAILED'
      ? serverFieldMessages(rejected, target)
      : { fields: {}, unplaced: [] as string[] };
  const messages: FieldMessages = { ...server.fields, ...local };
  const editable = state.phase === 'idle' || state.phase === 'rejected';
  const run =
    state.phase === 'running' || state.phase === 'lost' || state.phase === 'finished' ? state.run : null;
  const keys = target === 'keys' && keysText.trim() ? parseIssueKeys(keysText, projectKey) : null;

  // The Link button gives way to the progress once a run starts: focus goes there, not to the page.
  const runId = run?.id ?? null;
  useEffect(() => {
    if (runId) progressRef.current?.focus();
  }, [runId]);

  /** An edit clears what was said about the field it changes (the server's reply and the local check). */
  const edited = (field: Field) => {
    setLocal((m) => ({ ...m, [field]: undefined }));
    if (state.phase === 'rejected') reset();
  };
  const pickTarget = (next: Target) => {
    setTarget(next);
    setLocal({});
    if (state.phase === 'rejected') reset();
  };

  const submit = () => {
    if (!editable) return;
    const problems: FieldMessages = {};
    let chosen: BulkLinkInput['target'] | null = null;
    if (!outcome) problems.outcome = 'Pick the outcome the tickets serve.';
    if (kpiIds.length > MAX_KPIS_PER_LINK) problems.kpis = `Pick at most ${MAX_KPIS_PER_LINK} KPIs.`;
    if (target === 'jql') {
      const query = jql.trim();
      if (!query) problems.jql = 'Write the JQL that finds the tickets, such as issuetype = Bug.';
      else if (query.length > JQL_LENGTH.max) problems.jql = JQL_TOO_LONG;
      else chosen = { jql: query };
    } else {
      const parsed = parseIssueKeys(keysText, projectKey);
      if (parsed.ok) chosen = { issueKeys: parsed.keys };
      else problems.keys = parsed.message;
    }
    setLocal(problems);
    if (Object.keys(problems).length > 0 || !chosen) return;
    void start({ projectKey, outcomeId, kpiIds, target: chosen });
  };

  /** Ctrl+Enter (or ⌘+Enter) in a text area links, as in Jira's own editors; Enter alone is a new line. */
  const submitOnModEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  const close = () => {
    if (state.phase === 'starting') return;
    if (state.phase === 'running' || state.phase === 'lost') onClose('running');
    else if (state.phase === 'finished') onClose(state.counts === 'updated' ? 'finished' : 'counting');
    else onClose('unused');
  };

  const errorId = (field: Field) => `${uid}-${field}-error`;
  const fieldError = (field: Field) =>
    messages[field] ? (
      <p className="ob-field-error" id={errorId(field)} data-testid={`bulk-${field}-error`}>
        {messages[field]}
      </p>
    ) : null;
  const describedBy = (field: Field, helper: boolean) =>
    [messages[field] ? errorId(field) : null, helper ? `${uid}-${field}-helper` : null]
      .filter(Boolean)
      .join(' ') || undefined;

  /** The text area of the target picked: the JQL, or the keys. */
  const targetField = (
    field: 'jql' | 'keys',
    label: string,
    value: string,
    setValue: (value: string) => void,
    more: { maxLength?: number; placeholder: string; helper: ReactNode },
  ) => (
    <div className="ob-field">
      <label className="ob-label" htmlFor={`${uid}-${field}`}>
        {label}
      </label>
      <CodeTextarea
        id={`${uid}-${field}`}
        testId={`bulk-${field}`}
        value={value}
        onChange={(e) => {
          setValue(e.currentTarget.value);
          edited(field);
        }}
        onKeyDown={submitOnModEnter}
        minimumRows={3}
        maxLength={more.maxLength}
        isInvalid={Boolean(messages[field])}
        isDisabled={!editable}
        aria-describedby={describedBy(field, true)}
        placeholder={more.placeholder}
      />
      {fieldError(field)}
      <p className="ob-helper" id={`${uid}-${field}-helper`}>
        {more.helper}
      </p>
    </div>
  );

  const footer =
    state.phase === 'finished' ? (
      <>
        <Button appearance="subtle" onClick={reset} testId="bulk-again">
          Link more tickets
        </Button>
        <Button appearance="primary" onClick={close} testId="bulk-close">
          Close
        </Button>
      </>
    ) : run ? (
      <Button appearance="subtle" onClick={close} testId="bulk-close">
        Close
      </Button>
    ) : (
      <>
        <Button
          appearance="subtle"
          onClick={close}
          isDisabled={state.phase === 'starting'}
          testId="bulk-cancel"
        >
          Cancel
        </Button>
        <Button
          appearance="primary"
          onClick={submit}
          isLoading={state.phase === 'starting'}
          testId="bulk-submit"
        >
          Link
        </Button>
      </>
    );

  return (
    <ModalLayout
      title={BULK_LINK_TITLE}
      testId="bulk-dialog"
      initialFocus={firstField}
      onEscape={close}
      footer={footer}
    >
      <div className="ob-stack ob-bulk">
        <p className="ob-bulk__intro">
          Each ticket gets its own link to the outcome, recorded as made by you. Links already on a ticket
          stay as they are, and tickets under a linked epic or parent inherit the outcome.
        </p>
        {prefilled ? (
          <p className="ob-bulk__intro" data-testid="bulk-prefilled">
            {plural(initialKeys.length, 'ticket')} that {initialKeys.length === 1 ? 'serves' : 'serve'} no
            outcome yet {initialKeys.length === 1 ? 'is' : 'are'} filled in below.
            {outcome ? '' : ' Pick the outcome they serve, then link.'}
          </p>
        ) : null}

        <div className="ob-field">
          <label className="ob-label" htmlFor={`${uid}-outcome`}>
            Outcome
          </label>
          <select
            ref={firstField}
            id={`${uid}-outcome`}
            className="ob-select ob-bulk__select"
            value={outcomeId}
            onChange={(e) => {
              setOutcomeId(e.currentTarget.value);
              setKpiIds([]);
              edited('outcome');
            }}
            disabled={!editable}
            aria-invalid={Boolean(messages.outcome)}
            aria-describedby={describedBy('outcome', false)}
            data-testid="bulk-outcome"
          >
            {outcome ? null : <option value={outcomeId}>Pick an outcome</option>}
            {outcomes.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
              </option>
            ))}
          </select>
          {fieldError('outcome')}
        </div>

        {kpis.length > 0 ? (
          <fieldset
            className="ob-fieldset ob-bulk__kpis"
            disabled={!editable}
            aria-describedby={describedBy('kpis', false)}
          >
            <legend className="ob-label">KPIs these tickets should move (optional)</legend>
            {kpis.map((k) => (
              <CheckOption
                key={k.id}
                checked={kpiIds.includes(k.id)}
                onCheck={(on) => {
                  setKpiIds((ids) => withChosen(ids, k.id, on));
                  edited('kpis');
                }}
                testId={`bulk-kpi-${k.id}`}
              >
                {k.name} ({k.kind}){k.isDraft ? <span className="ob-muted"> · draft</span> : null}
              </CheckOption>
            ))}
            {fieldError('kpis')}
          </fieldset>
        ) : outcome ? (
          <p className="ob-small ob-muted">
            This outcome has no KPIs yet, so the tickets serve the outcome without naming a KPI.
          </p>
        ) : null}

        <fieldset className="ob-radios ob-bulk__targets" disabled={!editable}>
          <legend className="ob-label">Which tickets</legend>
          <label className="ob-radio">
            <input
              type="radio"
              name={`${uid}-target`}
              checked={target === 'jql'}
              onChange={() => pickTarget('jql')}
              data-testid="bulk-target-jql"
            />
            <span>Tickets matching JQL</span>
          </label>
          <label className="ob-radio">
            <input
              type="radio"
              name={`${uid}-target`}
              checked={target === 'keys'}
              onChange={() => pickTarget('keys')}
              data-testid="bulk-target-keys"
            />
            <span>These tickets</span>
          </label>
        </fieldset>

        {target === 'jql'
          ? targetField('jql', 'JQL', jql, setJql, {
              maxLength: JQL_LENGTH.max,
              placeholder: 'issuetype = Bug AND statusCategory != Done',
              helper: (
                <>
                  Limited to {projectName} automatically: only its tickets are linked, so there is no need to
                  add <code className="ob-code">project = {projectKey}</code>.
                </>
              ),
            })
          : targetField('keys', 'Issue keys', keysText, setKeysText, {
              placeholder: `${projectKey}-12, ${projectKey}-40 ${projectKey}-41`,
              helper: (
                <>
                  Keys of {projectName} tickets, separated by commas, spaces or new lines.
                  {keys?.ok ? <> {plural(keys.keys.length, 'ticket')} listed.</> : null}
                </>
              ),
            })}

        {rejected ? (
          <RejectedNotice
            error={rejected}
            unplaced={server.unplaced}
            projectName={projectName}
            onRetry={submit}
          />
        ) : null}
        {run ? (
          <RunProgress run={run} state={state} onCheckAgain={checkAgain} sectionRef={progressRef} />
        ) : null}
      </div>
    </ModalLayout>
  );
}

/** The server's field errors placed under the fields they concern; what has no field is shown apart. */
function serverFieldMessages(
  error: AppErrorBody,
  target: Target,
): { fields: FieldMessages; unplaced: string[] } {
  const fields: FieldMessages = {};
  const unplaced: string[] = [];
  for (const { path, message } of error.fieldErrors) {
    const field = fieldOfPath(path, target);
    if (field) fields[field] ??= message;
    else unplaced.push(message);
  }
  if (error.fieldErrors.length === 0) unplaced.push(error.message);
  return { fields, unplaced };
}

/** The dialog's field a payload path concerns (`outcomeId`, `target.jql`, `target.issueKeys.3`), if shown. */
function fieldOfPath(path: string, target: Target): Field | null {
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}.`);
  if (under('outcomeId')) return 'outcome';
  if (under('kpiIds')) return 'kpis';
  if (path === 'target') return target;
  if (under('target.jql')) return target === 'jql' ? 'jql' : null;
  if (under('target.issueKeys')) return target === 'keys' ? 'keys' : null;
  return null;
}

function RejectedNotice({
  error,
  unplaced,
  projectName,
  onRetry,
}: {
  error: AppErrorBody;
  unplaced: string[];
  projectName: string;
  onRetry: () => void;
}) {
  let body: ReactNode;
  if (error.code === 'FORBIDDEN') {
    body = (
      <Notice appearance="warning" title="You can't link these tickets">
        <p>{error.message}</p>
        <p>
          Nothing was changed. Linking tickets needs permission to edit them; a Jira admin or an admin of{' '}
          {projectName} can give you the Edit Issues permission.
        </p>
      </Notice>
    );
  } else if (error.code === 'VALIDATION_FAILED') {
    if (unplaced.length === 0) return null;
    body = (
      <Notice appearance="error" title="Nothing was linked">
        {unplaced.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </Notice>
    );
  } else {
    body = <ErrorState error={error} onRetry={onRetry} />;
  }
  return <div data-testid="bulk-error">{body}</div>;
}

const COUNTS_WORDS: Record<Extract<BulkRunState, { phase: 'finished' }>['counts'], string> = {
  updating: 'Updating the counts on the page…',
  updated: 'The counts on the page are updated.',
  pending:
    'Outcome Bridge is still recounting this outcome’s tickets. Select Refresh on the page in a moment to see the new counts.',
  failed: 'The page could not reload its counts. Select Refresh on the page to try again.',
};

function RunProgress({
  run,
  state,
  onCheckAgain,
  sectionRef,
}: {
  run: RunView;
  state: BulkRunState;
  onCheckAgain: () => void;
  sectionRef: RefObject<HTMLElement>;
}) {
  const detail = runDetail(run);
  const rateNote = rateLimitNote(run);
  const running = run.status === 'running';
  return (
    <section
      ref={sectionRef}
      tabIndex={-1}
      className="ob-bulk__progress"
      aria-label="Progress"
      data-testid="bulk-progress"
    >
      {run.status !== 'failed' ? (
        <ProgressBar
          isIndeterminate={running}
          value={running ? undefined : 1}
          appearance={running ? 'default' : 'success'}
          ariaLabel={running ? 'Linking tickets' : 'Linking finished'}
        />
      ) : null}
      <div role="status" className="ob-bulk__status" data-testid="bulk-status">
        <p className="ob-bulk__headline" data-state={run.status}>
          {runHeadline(run)}
        </p>
        {detail ? <p className="ob-small ob-muted">{detail}</p> : null}
        {state.phase === 'finished' ? (
          <p className="ob-small" data-testid="bulk-counts" data-counts={state.counts}>
            {COUNTS_WORDS[state.counts]}
          </p>
        ) : null}
        {state.phase === 'running' ? (
          <p className="ob-small ob-muted">It goes on in the background if you close this dialog.</p>
        ) : null}
      </div>
      {rateNote ? (
        <p className="ob-small ob-bulk__note" data-testid="bulk-rate-limited">
          {rateNote}
        </p>
      ) : null}
      {run.status === 'failed' ? (
        <Notice appearance="error" title="Linking stopped">
          <p>{run.error ?? 'The run stopped without saying why.'}</p>
          <p>
            {run.changed > 0
              ? `The ${plural(run.changed, 'ticket')} linked before it stopped keep their links. `
              : 'No ticket was linked. '}
            Fix what it says and link again.
          </p>
        </Notice>
      ) : null}
      {state.phase === 'running' && state.pollError ? (
        <p className="ob-small ob-bulk__note">
          The latest progress could not be fetched ({state.pollError.message}). Trying again.
        </p>
      ) : null}
      {state.phase === 'lost' ? (
        <Notice appearance="warning" title="Progress is not coming through">
          <p>{state.error.message}</p>
          <p>The linking may still be going on in the background.</p>
          <p>
            <Button onClick={onCheckAgain} testId="bulk-check-again">
              Check again
            </Button>
          </p>
        </Notice>
      ) : null}
    </section>
  );
}
