import type { AppErrorBody, Reply } from '@contract/envelope';
import { formatMoment } from '@shared/format';
import { useCallback, useState } from 'react';
import type { Base, VersionedRecord } from './use-record-editor';

export interface DeleteRecordOptions<Target extends Base, Rec extends VersionedRecord, Data, Deleted> {
  /** What the record is called in messages: "rule", "KPI", "outcome". */
  noun: string;
  /** What is deleted: the version the user saw, and what the dialog says about it. */
  initial: Target;
  targetOf: (record: Rec) => Target;
  remove: (target: Target) => Promise<Reply<Deleted>>;
  onDeleted: (deleted: Deleted, target: Target) => void;
  /** Loads the stored records again; `find` picks this one from the answer (undefined when deleted). */
  refresh: () => Promise<Reply<Data>>;
  find: (data: Data, id: string) => Rec | undefined;
  /**
   * Their version is now the one to delete: what to say (and whether it can no longer be deleted), when
   * not the usual "Their version is loaded: changed by …".
   */
  onTheirs?: (current: Rec) => { info: string; gone?: boolean } | undefined;
  /** A delete failed (the record may be gone: `gone` is set already); runs before the dialog is usable again. */
  onFailed?: (error: AppErrorBody) => Promise<void> | void;
  /** False while the delete cannot be confirmed yet. */
  ready?: boolean;
}

/**
 * What every delete dialog of a versioned record does: deletes only the version the user saw; when
 * someone changed it since, loads their version on request (or says nothing is left to delete).
 */
export function useDeleteRecord<Target extends Base, Rec extends VersionedRecord, Data, Deleted>(
  options: DeleteRecordOptions<Target, Rec, Data, Deleted>,
) {
  const [target, setTarget] = useState(options.initial);
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [gone, setGone] = useState(false);

  const confirm = async () => {
    if (busy || options.ready === false) return;
    setBusy(true);
    setError(null);
    setInfo(null);
    const reply = await options.remove(target);
    if (reply.ok) {
      setBusy(false);
      options.onDeleted(reply.data, target);
      return;
    }
    setError(reply.error);
    if (reply.error.code === 'NOT_FOUND') setGone(true);
    if (options.onFailed) await options.onFailed(reply.error);
    setBusy(false);
  };

  const loadTheirs = async () => {
    setReloading(true);
    const reply = await options.refresh();
    setReloading(false);
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    const current = options.find(reply.data, target.id);
    setError(null);
    if (!current) {
      setGone(true);
      setInfo(`Someone has deleted this ${options.noun} already. There is nothing left to delete.`);
      return;
    }
    setTarget(options.targetOf(current));
    const said = options.onTheirs?.(current);
    if (said?.gone) setGone(true);
    setInfo(
      said?.info ??
        `Their version is loaded: changed by ${current.updatedBy?.displayName ?? 'someone'} ${formatMoment(current.updatedAt)}. Delete it if you still mean to.`,
    );
  };

  /** Nothing is left to delete (something else found the record gone). */
  const markGone = useCallback(() => setGone(true), []);

  return { target, busy, reloading, error, info, gone, confirm, loadTheirs, markGone };
}

export type DeleteRecord = Omit<ReturnType<typeof useDeleteRecord>, 'target'>;
