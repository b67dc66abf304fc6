import type { Reply } from '@contract/envelope';
import type { RefObject } from 'react';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';
import { useDeleteRecord } from '../common/use-delete-record';
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
  const deletion = useDeleteRecord({
    noun: 'rule',
    initial: rule,
    targetOf: (current: RuleView) => current,
    remove: (target) => remove(target.id, target.version),
    onDeleted: (deleted, target) => onDeleted(target, deleted.cleanup),
    refresh: refreshRules,
    find: (data: RulesData, id) => data.rules.find((r) => r.id === id),
  });
  const { target } = deletion;

  return (
    <ConfirmDeleteDialog
      deletion={deletion}
      title="Delete this mapping rule?"
      width="medium"
      testIds={{
        dialog: 'delete-rule-dialog',
        reload: 'rule-delete-reload',
        info: 'delete-rule-info',
        cancel: 'rule-delete-cancel',
        confirm: 'rule-delete-confirm',
      }}
      onClose={onClose}
      returnFocus={returnFocus}
      confirmLabel="Delete rule"
    >
      <p>
        Tickets matching <code className="ob-code">{target.jql}</code> will no longer be linked to{' '}
        <strong>{target.outcomeTitle}</strong> automatically.
      </p>
      <p data-testid="delete-rule-effect">
        Its links will be removed from the tickets it mapped, in the background; you can follow the progress
        on this page. Links people made themselves, and links from other rules, stay.
      </p>
    </ConfirmDeleteDialog>
  );
}
