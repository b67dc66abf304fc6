import type { ReactNode } from 'react';

/**
 * One checkbox and its words, in the apps' checkbox style. `onCheck` hears whether it is ticked now, read
 * at the event: React clears `currentTarget` before a queued state updater runs.
 */
export function CheckOption({
  checked,
  onCheck,
  disabled,
  testId,
  children,
}: {
  checked: boolean;
  onCheck: (checked: boolean) => void;
  disabled?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <label className="ob-check">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onCheck(e.currentTarget.checked)}
        disabled={disabled}
        data-testid={testId}
      />
      {children}
    </label>
  );
}

/** The chosen ids with `id` ticked (added at the end) or unticked. */
export const withChosen = (ids: readonly string[], id: string, on: boolean): string[] =>
  on ? [...ids, id] : ids.filter((other) => other !== id);
