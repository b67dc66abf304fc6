import { events } from '@forge/bridge';
import { openModal } from '@shared/modal';
import { useEffect, useRef } from 'react';
import type { BulkCloseReason } from './BulkLinkDialog';

export const BULK_LINK_MODAL = 'bulk-link';
export const BULK_LINK_TITLE = 'Link tickets to an outcome';

/** An outcome tickets can be linked to, with the KPIs they may name. */
export interface BulkOutcomeChoice {
  id: string;
  title: string;
  kpis: { id: string; name: string; kind: string; isDraft: boolean }[];
}

/** What the project page hands the bulk link dialog it opens over itself. */
export interface BulkLinkModalData {
  projectName: string;
  outcomes: BulkOutcomeChoice[];
  /** The outcome picked at first; an empty string makes the user pick one. */
  initialOutcomeId: string;
  /** Tickets filled in as keys (the coverage panel's unaligned work), or null. */
  initialKeys: string[] | null;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isKpi = (v: unknown) =>
  isRecord(v) && isString(v.id) && isString(v.name) && isString(v.kind) && typeof v.isDraft === 'boolean';
const isOutcome = (v: unknown): v is BulkOutcomeChoice =>
  isRecord(v) && isString(v.id) && isString(v.title) && Array.isArray(v.kpis) && v.kpis.every(isKpi);

/** The modal's context as the dialog needs it, or null: it comes back through Jira, so it is checked. */
export function bulkLinkModalData(value: unknown): BulkLinkModalData | null {
  if (!isRecord(value)) return null;
  const { projectName, outcomes, initialOutcomeId, initialKeys } = value;
  if (!isString(projectName) || !isString(initialOutcomeId)) return null;
  if (!Array.isArray(outcomes) || !outcomes.every(isOutcome)) return null;
  if (initialKeys !== null && !(Array.isArray(initialKeys) && initialKeys.every(isString))) return null;
  return { projectName, outcomes, initialOutcomeId, initialKeys };
}

const REASONS: readonly BulkCloseReason[] = ['unused', 'running', 'counting', 'finished'];

/** How the dialog was left, from what it passed to `view.close` (Jira closing it on its own: unused). */
export const closeReasonOf = (payload: unknown): BulkCloseReason => {
  const reason = isRecord(payload) ? payload.reason : undefined;
  return REASONS.find((r) => r === reason) ?? 'unused';
};

/** Opens the dialog over the whole Jira page; false when Jira would not open it. */
export const openBulkLinkModal = (data: BulkLinkModalData, onClose: (reason: BulkCloseReason) => void) =>
  openModal({
    kind: BULK_LINK_MODAL,
    title: BULK_LINK_TITLE,
    data,
    size: 'large',
    onClose: (payload) => onClose(closeReasonOf(payload)),
  });

/** Said by the dialog whenever it found new counts for the project, so the page behind shows them too. */
const COUNTS_CHANGED = 'outcome-bridge:project-counts-changed';

export const announceCountsChanged = (projectKey: string) =>
  events.emit(COUNTS_CHANGED, { projectKey }).catch(() => undefined);

/** Calls `onChange` when a dialog over the page found new counts for this project. */
export function useCountsChanged(projectKey: string, onChange: () => void) {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let subscription: { unsubscribe: () => void } | null = null;
    let gone = false;
    void events
      .on(COUNTS_CHANGED, async (payload: unknown) => {
        if (isRecord(payload) && payload.projectKey === projectKey) latest.current();
      })
      .then((s) => {
        if (gone) s.unsubscribe();
        else subscription = s;
      })
      .catch(() => undefined);
    return () => {
      gone = true;
      subscription?.unsubscribe();
    };
  }, [projectKey]);
}
