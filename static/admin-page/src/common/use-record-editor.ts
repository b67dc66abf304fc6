import type { AppErrorBody, FieldError, Reply } from '@contract/envelope';
import type { UserRef } from '@contract/primitives';
import { formatMoment } from '@shared/format';
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { type Messages, withoutMessages } from './field-messages';

/** Which stored record a save updates, and the version the user's edits are based on. */
export interface Base {
  id: string;
  version: number;
}

/** What the editors edit: a stored record with a version, and who saved it last. */
export interface VersionedRecord extends Base {
  updatedAt: string;
  updatedBy: UserRef | null;
}

export interface RecordEditorOptions<Form, Field extends string, Rec extends VersionedRecord, Data> {
  /** What the record is called in messages: "rule", "KPI", "outcome". */
  noun: string;
  /** The record as loaded; null when the editor creates one. */
  record: Rec | null;
  /** The form the editor opens with. */
  initialForm: () => Form;
  /** The form showing a stored record (after loading someone else's version). */
  formOf: (record: Rec) => Form;
  /** True when two forms hold the same values: the form is "dirty" when it differs from what was loaded. */
  same: (a: Form, b: Form) => boolean;
  /** What the form can tell before saving. */
  precheck: (form: Form) => Messages<Field>;
  /** The server's field errors (about `form`, as saved), placed under fields and the rest. */
  placeErrors: (errors: readonly FieldError[], form: Form) => { byField: Messages<Field>; other: string[] };
  firstInvalid: (messages: Messages<Field>) => Field | undefined;
  focusField: (field: Field) => void;
  /** Loads the stored records again; `find` picks this one from the answer (undefined when deleted). */
  refresh: () => Promise<Reply<Data>>;
  find: (data: Data, id: string) => Rec | undefined;
  /**
   * The message shown once someone else's version is loaded, when it is not the usual "This is the
   * version … saved": e.g. the outcome moved where this user can no longer change it.
   */
  theirsInfo?: (current: Rec) => string | undefined;
  /** Closes the editor: Cancel without edits, or once the user agreed to discard them. */
  onClose: () => void;
  /** A save found the record deleted (e.g. so the list stops showing it too). */
  onMissing?: () => void;
  /**
   * Where a failure to load their version shows: apart, with "Try again" (the default), or in place of
   * the conflict, as the server's error.
   */
  reloadErrorAsServerError?: boolean;
}

/**
 * The machinery every versioned-record editor shares: the form and the values it was loaded from
 * (dirty tracking), messages under fields and the others, the server's error, a save that stops on what
 * the form can tell and places the server's field errors, a CONFLICT answered by loading the other
 * person's version (confirmed when the user has edits; a record deleted meanwhile can be saved as new),
 * and closing that asks before discarding edits. `Saving` names what a save is doing (the KPI editor
 * saves as a draft too).
 */
export function useRecordEditor<
  Form,
  Field extends string,
  Rec extends VersionedRecord,
  Data,
  Saving extends string = 'save',
>(options: RecordEditorOptions<Form, Field, Rec, Data>) {
  const { noun, record } = options;
  const topRef = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<Form>(options.initialForm);
  /** The values last loaded from the server: the form is "dirty" when it differs from them. */
  const [loaded, setLoaded] = useState<Form>(form);
  const [base, setBase] = useState<Base | null>(record ? { id: record.id, version: record.version } : null);
  const [messages, setMessages] = useState<Messages<Field>>({});
  const [otherMessages, setOtherMessages] = useState<string[]>([]);
  const [serverError, setServerError] = useState<AppErrorBody | null>(null);
  const [saving, setSaving] = useState<Saving | null>(null);
  const [confirming, setConfirming] = useState<'reload' | 'discard' | null>(null);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<AppErrorBody | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  /** The record was deleted after the editor opened: the edits can still be saved as a new one. */
  const [gone, setGone] = useState(false);
  /** The stored version last loaded after a conflict. */
  const [theirs, setTheirs] = useState<Rec | null>(null);

  const dirty = !options.same(form, loaded);
  const creating = base === null || gone;

  /** Changes the form and clears the messages of the fields it changes. */
  const edit = (update: (form: Form) => Form, ...fields: Field[]) => {
    setForm(update);
    setMessages((m) => withoutMessages(m, fields));
  };
  const set = <K extends keyof Form & Field>(field: K, value: Form[K]) =>
    edit((f) => ({ ...f, [field]: value }), field);

  const showTop = () => {
    topRef.current?.scrollIntoView({ block: 'nearest' });
    topRef.current?.focus();
  };

  /**
   * Saves the form with `write` (an update of `target`, or a create when it is null); `done` hears the
   * answer of a save that succeeded.
   */
  const save = async <Saved>(
    kind: Saving,
    write: (target: Base | null) => Promise<Reply<Saved>>,
    done: (saved: Saved, how: 'created' | 'updated', target: Base | null) => void,
  ) => {
    if (saving !== null) return;
    setInfo(null);
    setReloadError(null);
    setConfirming(null);
    const local = options.precheck(form);
    const firstLocal = options.firstInvalid(local);
    if (firstLocal) {
      setMessages(local);
      setOtherMessages([]);
      setServerError(null);
      options.focusField(firstLocal);
      return;
    }
    setSaving(kind);
    const target = creating ? null : base;
    const reply = await write(target);
    if (reply.ok) {
      setSaving(null);
      done(reply.data, target ? 'updated' : 'created', target);
      return;
    }
    const { byField, other } = options.placeErrors(reply.error.fieldErrors, form);
    const missing = reply.error.code === 'NOT_FOUND' && target !== null;
    // Rendered at once, so the fields are enabled again and the first one with an error can take focus.
    flushSync(() => {
      setSaving(null);
      setMessages(byField);
      setOtherMessages(other);
      setServerError(reply.error);
      if (missing) setGone(true);
    });
    if (missing) options.onMissing?.();
    const first = options.firstInvalid(byField);
    if (first) options.focusField(first);
    else showTop();
  };

  /** Replaces the form with the stored version (after the user confirmed, when they had edits). */
  const loadTheirs = async () => {
    if (!base) return;
    setReloading(true);
    setReloadError(null);
    const reply = await options.refresh();
    setReloading(false);
    setConfirming(null);
    if (!reply.ok) {
      if (options.reloadErrorAsServerError) setServerError(reply.error);
      else setReloadError(reply.error);
      return;
    }
    const current = options.find(reply.data, base.id);
    setMessages({});
    setOtherMessages([]);
    if (!current) {
      setGone(true);
      setServerError({
        code: 'NOT_FOUND',
        message: `This ${noun} was deleted after you opened it. Your edits are still here: save them as a new ${noun}, or cancel.`,
        fieldErrors: [],
      });
      return;
    }
    const next = options.formOf(current);
    setForm(next);
    setLoaded(next);
    setBase({ id: current.id, version: current.version });
    setTheirs(current);
    setServerError(null);
    setInfo(
      options.theirsInfo?.(current) ??
        `This is the version ${current.updatedBy?.displayName ?? 'someone'} saved ${formatMoment(current.updatedAt)}. Make your changes again, then save.`,
    );
    showTop();
  };

  const askToLoadTheirs = () => {
    if (dirty) setConfirming('reload');
    else void loadTheirs();
  };

  /** Closes the editor, after asking when there are edits to discard. */
  const requestClose = () => {
    if (saving !== null) return;
    if (dirty) setConfirming('discard');
    else options.onClose();
  };

  return {
    noun,
    topRef,
    form,
    loaded,
    base,
    theirs,
    messages,
    otherMessages,
    serverError,
    conflict: serverError?.code === 'CONFLICT' ? serverError : null,
    otherError: serverError && serverError.code !== 'CONFLICT' ? serverError : null,
    saving,
    reloading,
    reloadError,
    confirming,
    setConfirming,
    info,
    gone,
    creating,
    dirty,
    /** The fields are disabled while a save or a reload is under way. */
    busy: saving !== null || reloading,
    set,
    edit,
    save,
    loadTheirs,
    askToLoadTheirs,
    requestClose,
    /** Closes the editor at once (the user confirmed discarding their edits). */
    close: options.onClose,
  };
}

/** What the editor's dialog reads of `useRecordEditor`: nothing that depends on the form's type. */
export type RecordEditor<Saving extends string = 'save'> = Omit<
  ReturnType<typeof useRecordEditor<unknown, string, VersionedRecord, unknown, Saving>>,
  'form' | 'loaded' | 'theirs' | 'messages' | 'set' | 'edit' | 'save'
>;
