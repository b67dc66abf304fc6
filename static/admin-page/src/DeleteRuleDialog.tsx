import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import type { AppErrorBody, Reply } from '@contract/envelope';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import { formatMoment } from '@shared/format';
import { type RefObject, useRef, useState } from 'react';
import { ConflictNotice } from './ConflictNotice';
import { type RulesData, type RuleView, type RunView, useRuleMutations } from './use-rules';

export interface DeleteRuleDialogProps {
  rule: RuleView;
  onClose: () => void;
  /** The rule is gone; `cleanup` is the background run taking its links off the tickets it mapped. */
  onDeleted: (rule: RuleView, cleanup: RunView) => void;
  refreshRules: () => Promise<Reply<RulesData>>;
  returnFocus: RefObject<HTMLElement>;
}

/**
 * Asks before deleting a mapping rule, saying what goes with it: its links come off the tickets it
 * mapped (in the background), while links people made themselves stay. Deletes only the version the
 * user saw; if someone changed it since, says so and offers theirs.
 */
export default function DeleteRuleDialog({
  rule,
  onClose,
  onDeleted,
  refreshRules,
  returnFocus,
}: DeleteRuleDialogProps) {
  const { remove } = useRuleMutations();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [target, setTarget] = useState(rule);
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [gone, setGone] = useState(false);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setInfo(null);
    const reply = await remove(target.id, target.version);
    setBusy(false);
    if (reply.ok) {
      onDeleted(target, reply.data.cleanup);
      return;
    }
    setError(reply.error);
    if (reply.error.code === 'NOT_FOUND') setGone(true);
  };

  const loadTheirs = async () => {
    setReloading(true);
    const reply = await refreshRules();
    setReloading(false);
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    const current = reply.data.rules.find((r) => r.id === target.id);
    setError(null);
    if (!current) {
      setGone(true);
      setInfo('Someone has deleted this rule already. There is nothing left to delete.');
      return;
    }
    setTarget(current);
    setInfo(
      `Their version is loaded: changed by ${current.updatedBy?.displayName ?? 'someone'} ${formatMoment(current.updatedAt)}. Delete it if you still mean to.`,
    );
  };

  const conflict = error?.code === 'CONFLICT' ? error : null;
  const otherError = error && error.code !== 'CONFLICT' ? error : null;

  return (
    <ModalDialog
      onClose={() => !busy && onClose()}
      autoFocus={cancelRef}
      shouldReturnFocus={returnFocus}
      testId="delete-rule-dialog"
      width="medium"
    >
      <ModalHeader>
        <ModalTitle appearance="danger">Delete this mapping rule?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div className="ob-field">
          <p>
            Tickets matching <code className="ob-code">{target.jql}</code> will no longer be linked to{' '}
            <strong>{target.outcomeTitle}</strong> automatically.
          </p>
          <p data-testid="delete-rule-effect">
            Its links will be removed from the tickets it mapped, in the background; you can follow the
            progress on this page. Links people made themselves, and links from other rules, stay.
          </p>
          {conflict ? (
            <ConflictNotice error={conflict}>
              <p>
                <Button onClick={() => void loadTheirs()} isLoading={reloading} testId="rule-delete-reload">
                  Reload their version
                </Button>
              </p>
            </ConflictNotice>
          ) : null}
          {otherError ? <ErrorState error={otherError} /> : null}
          {info ? (
            <Notice appearance={gone ? 'warning' : 'information'}>
              <p data-testid="delete-rule-info">{info}</p>
            </Notice>
          ) : null}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button
          ref={cancelRef}
          appearance="subtle"
          onClick={onClose}
          isDisabled={busy}
          testId="rule-delete-cancel"
        >
          {gone ? 'Close' : 'Cancel'}
        </Button>
        {gone ? null : (
          <Button
            appearance="danger"
            onClick={() => void confirm()}
            isLoading={busy}
            isDisabled={reloading || conflict !== null}
            testId="rule-delete-confirm"
          >
            Delete rule
          </Button>
        )}
      </ModalFooter>
    </ModalDialog>
  );
}
