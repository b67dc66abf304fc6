import Button from '@atlaskit/button/default/button';
import type { ReactNode } from 'react';

/** Which dialog a list of records shows over itself: the editor (new or one record) or the delete dialog. */
export type RecordDialog<R> =
  | { kind: 'create' }
  | { kind: 'edit'; record: R }
  | { kind: 'delete'; record: R };

/** What a list of records offers on each row: open the record's editor, or its delete dialog. */
export interface RecordActions<R> {
  onEdit: (record: R) => void;
  onDelete: (record: R) => void;
}

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
  appearance = 'primary',
  label,
  ...button
}: {
  onOpen: () => void;
  /** Starts downloading what it opens; none when that is already loaded with the page. */
  prefetch?: () => void;
  testId: string;
  appearance?: 'primary' | 'subtle' | 'default';
  /** What it opens, for screen readers, when its text alone does not say (several "Edit" buttons). */
  label?: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <Button
      {...button}
      appearance={appearance}
      onClick={onOpen}
      onFocus={prefetch}
      onMouseEnter={prefetch}
      aria-label={label}
    />
  );
}

/**
 * A record's Edit and Delete buttons on its row of a list (outcomes, KPIs, rules): each opens its dialog.
 * `what` names the record to screen readers ("Edit <what>"), as several rows have the same buttons.
 */
export function EditDeleteButtons<R>({
  record,
  actions,
  what,
  testIds,
  editId,
  prefetchEditor,
  prefetchDelete,
}: {
  record: R;
  actions: RecordActions<R>;
  what: string;
  testIds: { edit: string; delete: string };
  /** The Edit button's element id, where focus returns to when its dialog closes. */
  editId?: string;
  prefetchEditor: () => void;
  prefetchDelete?: () => void;
}) {
  const buttons = [
    { verb: 'Edit', open: actions.onEdit, prefetch: prefetchEditor, testId: testIds.edit, id: editId },
    {
      verb: 'Delete',
      open: actions.onDelete,
      prefetch: prefetchDelete,
      testId: testIds.delete,
      id: undefined,
    },
  ];
  return buttons.map(({ verb, open, prefetch, testId, id }) => (
    <OpenButton
      key={verb}
      id={id}
      appearance="subtle"
      onOpen={() => open(record)}
      prefetch={prefetch}
      label={`${verb} ${what}`}
      testId={testId}
    >
      {verb}
    </OpenButton>
  ));
}
