import Button from '@atlaskit/button/default/button';
import type { ReactNode } from 'react';

/** Which dialog a list of records shows over itself: the editor (new or one record) or the delete dialog. */
export type RecordDialog<R> =
  | { kind: 'create' }
  | { kind: 'edit'; record: R }
  | { kind: 'delete'; record: R };

/** A dialog loaded on demand (`useLazyComponent`): it shows what it is given as its LazyPart. */
interface Lazy {
  wrap: (children: ReactNode) => ReactNode;
}

/**
 * The one list-editor-delete pattern of the admin page (outcomes, KPIs, rules): the editor of a new or an
 * existing record, or the delete dialog of one, each loaded on demand, with "Try again" if loading fails.
 * A dialog of another kind (e.g. import) is the caller's own.
 */
export function RecordDialogs<R>({
  dialog,
  editor,
  deleter,
  renderEditor,
  renderDelete,
}: {
  dialog: RecordDialog<R> | { kind: string } | null;
  editor: Lazy;
  deleter: Lazy;
  renderEditor: (record: R | null) => ReactNode;
  renderDelete: (record: R) => ReactNode;
}) {
  if (!dialog) return null;
  if (dialog.kind === 'delete' && 'record' in dialog) return deleter.wrap(renderDelete(dialog.record));
  if (dialog.kind !== 'create' && !(dialog.kind === 'edit' && 'record' in dialog)) return null;
  return editor.wrap(renderEditor('record' in dialog ? dialog.record : null));
}

/** A button that opens a view or a dialog loaded on demand: hovering or focusing it starts the download. */
export function OpenButton({
  onOpen,
  prefetch,
  testId,
  appearance = 'primary',
  label,
  id,
  children,
}: {
  onOpen: () => void;
  prefetch: () => void;
  testId: string;
  appearance?: 'primary' | 'subtle' | 'default';
  /** What it opens, for screen readers, when its text alone does not say (several "Edit" buttons). */
  label?: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <Button
      id={id}
      appearance={appearance}
      onClick={onOpen}
      onFocus={prefetch}
      onMouseEnter={prefetch}
      aria-label={label}
      testId={testId}
    >
      {children}
    </Button>
  );
}
