import type { AppErrorBody, Reply } from '@contract/envelope';
import { TICKETS_PAGE } from '@contract/limits';
import type { ProjectPageContract, TicketRow } from '@contract/project-page';
import type { OutputOf } from '@contract/surface';
import { projectPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';
import { useCallback } from 'react';

export type TicketsPage = OutputOf<ProjectPageContract, 'project/tickets'>;
type TicketsReply = Reply<TicketsPage>;

/** One page of the tickets serving an outcome; `page` and `token` name which (the server pages with tokens). */
export function useTicketsPage(projectKey: string, outcomeId: string, token: string | null, page: number) {
  const load = useCallback(
    () =>
      projectPageApi('project/tickets', {
        projectKey,
        outcomeId,
        pageToken: token,
        pageSize: TICKETS_PAGE.size,
      }),
    [projectKey, outcomeId, token],
  );
  return useReply(load, `${outcomeId}:${page}:${token ?? ''}`);
}

/** Reads every ticket serving an outcome, the largest pages the server allows, telling `onPage` the count so far. */
export async function fetchAllTickets(
  projectKey: string,
  outcomeId: string,
  onPage: (fetched: number) => void,
): Promise<{ ok: true; tickets: TicketRow[] } | { ok: false; error: AppErrorBody; fetched: number }> {
  const tickets: TicketRow[] = [];
  let pageToken: string | null = null;
  do {
    const reply: TicketsReply = await projectPageApi('project/tickets', {
      projectKey,
      outcomeId,
      pageToken,
      pageSize: TICKETS_PAGE.max,
    });
    if (!reply.ok) return { ok: false, error: reply.error, fetched: tickets.length };
    tickets.push(...reply.data.tickets);
    pageToken = reply.data.nextPageToken;
    onPage(tickets.length);
  } while (pageToken);
  return { ok: true, tickets };
}
