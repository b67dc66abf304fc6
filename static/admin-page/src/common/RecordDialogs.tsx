import Button from '@atlaskit/button/default/button';
import { LazyPart } from '@shared/components/LazyPart';
import type { ReactNode } from 'react';

/** Which dialog a list of records shows over itself: the editor (new or one record) or the delete dialog. */
export type RecordDialog<R> =
  | { kind: 'create' }
  | { kind: 'edit'; record: R }
  | { kind: 'delete'; record: R };

interface Lazy {
  attempt: number;
  retry: () => void;
}

/**
 * The one list-editor-delete pattern of the admin page (outcomes, KPIs, rules): the editor of a new or an
 * existing record, or the delete dialog of one, each loaded on demand, with "Try again" if loading fails.
 * A dialog of another kind (e.g. import) is the caller's own.
 */
export function RecordDialogs<R>({
  dialog,
  noun,
  editor,
  deleter,
  renderEditor,
  renderDelete,
}: {
  dialog: RecordDialog<R> | { kind: string } | null;
  /** Names the editor while it loads: "the KPI editor". */
  noun: string;
  editor: Lazy;
  deleter: Lazy;
  renderEditor: (record: R | null) => ReactNode;
  renderDelete: (record: R) => ReactNode;
}) {
  if (!dialog) return null;
  if (dialog.kind === 'delete' && 'record' in dialog) {
    return (
      <LazyPart
        attempt={deleter.attempt}
        what="The delete dialog"
        loading="Opening the delete dialog"
        onRetry={deleter.retry}
      >
        {renderDelete(dialog.record)}
      </LazyPart>
    );
  }
  if (dialog.kind !== 'create' && !(dialog.kind === 'edit' && 'record' in dialog)) return null;
  return (
    <LazyPart
      attempt={editor.attempt}
      what={`The ${noun} editor`}
      loading={`Opening the ${noun} editor`}
      onRetry={editor.retry}
    >
      {renderEditor('record' in dialog ? dialog.record : null)}
    </LazyPart>
  );
}

/** A button that opens a view or a dialog loaded on demand: hovering or focusing it starts the download. */
export function OpenButton({
  onOpen,
  prefetch,
  testId,
  appearance = 'primary',
  children,
}: {
  onOpen: () => void;
  prefetch: () => void;
  testId: string;
  appearance?: 'primary' | 'subtle' | 'default';
  children: ReactNode;
}) {
  return (
    <Button
      appearance={appearance}
      onClick={onOpen}
      onFocus={prefetch}
      onMouseEnter={prefetch}
      testId={testId}
    >
      {children}
    </Button>
  );
}
