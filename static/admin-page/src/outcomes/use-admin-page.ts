import type { AdminPageContract } from '@contract/admin-page';
import type { AdminOutcome, OutcomeDraft } from '@contract/outcome';
import type { OutputOf } from '@contract/surface';
import { adminPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';
import { useCallback, useMemo } from 'react';

export type AdminData = OutputOf<AdminPageContract, 'admin/load'>;
export type { AdminOutcome };
export type AdminProject = AdminData['projects'][number];

const loadAdmin = () => adminPageApi('admin/load', {});

/**
 * The admin page's data: one `admin/load`, kept up to date from mutation replies.
 * `refresh` loads again and hands the reply to the caller (e.g. to adopt someone else's version of an outcome).
 */
export function useAdminPage() {
  const { state, reload, replace, refresh, current } = useReply(loadAdmin, 'admin');

  /** Adopts an outcome a create, an update or a detail load returned. */
  const adoptSaved = useCallback(
    (saved: AdminOutcome) => {
      const data = current();
      if (!data) return;
      const known = data.outcomes.find((o) => o.id === saved.id);
      const exists = known !== undefined;
      // An older copy (e.g. a detail loaded before a save) never replaces a newer one.
      if (known && known.version > saved.version) return;
      if (known && JSON.stringify(known) === JSON.stringify(saved)) return;
      replace({
        ...data,
        outcomes: exists
          ? data.outcomes.map((o) => (o.id === saved.id ? saved : o))
          : [...data.outcomes, saved],
      });
    },
    [replace, current],
  );

  const dropDeleted = useCallback(
    (id: string) => {
      const data = current();
      if (!data) return;
      replace({ ...data, outcomes: data.outcomes.filter((o) => o.id !== id) });
    },
    [replace, current],
  );

  return { state, reload, refresh, adoptSaved, dropDeleted };
}

interface KpiDueDate {
  id: string;
  dueDate: string;
  expectedVersion: number;
}

/** The outcome writes of the admin page (and the delete preview), each answering with the reply envelope. */
export function useOutcomeMutations() {
  return useMemo(
    () => ({
      create: (draft: OutcomeDraft) => adminPageApi('outcomes/create', { draft }),
      /** `kpis`: the KPI due dates moved with new dates, and the KPIs the user lets become drafts. */
      update: (
        id: string,
        expectedVersion: number,
        draft: OutcomeDraft,
        kpis: { kpiDueDates: KpiDueDate[]; confirmUnpublish: string[] } = {
          kpiDueDates: [],
          confirmUnpublish: [],
        },
      ) => adminPageApi('outcomes/update', { id, expectedVersion, draft, ...kpis }),
      /** What deleting would affect: linked tickets, KPIs, child outcomes. */
      preview: (id: string) => adminPageApi('outcomes/delete-preview', { id }),
      remove: (id: string, expectedVersion: number, confirmedLinkedTickets: number) =>
        adminPageApi('outcomes/delete', { id, expectedVersion, confirmedLinkedTickets }),
    }),
    [],
  );
}
