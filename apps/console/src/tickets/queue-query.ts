import type { TicketPriority, TicketQueue, TicketStatus } from '../api/api-types.js';

/** The queue tabs, in the order the screen shows them. */
export const QUEUE_TABS: readonly TicketQueue[] = ['mine', 'my_groups', 'unassigned', 'triage', 'due_soon', 'breached', 'all'];

/** The filters above the queue; an absent key does not filter. */
export interface TicketFilters {
  status?: TicketStatus;
  priority?: TicketPriority;
  categoryId?: string;
  groupId?: string;
  assigneeId?: string;
  /** A ticket number, a phone number or words. */
  q?: string;
}

/** The query string parameters of `GET /tickets`. */
export interface TicketListQuery extends TicketFilters {
  queue: TicketQueue;
  limit: number;
  cursor?: string;
}

/** Rows per page; "load more" fetches the next page with the cursor. */
export const QUEUE_PAGE_SIZE = 50;
/** The server rejects longer searches. */
const MAX_QUERY_LENGTH = 200;

/**
 * The `GET /tickets` parameters for a tab and its filters: blank values dropped, search trimmed.
 * @example queueQuery('mine', { q: ' GD2026 ' }) // { queue: 'mine', q: 'GD2026', limit: 50 }
 */
export function queueQuery(tab: TicketQueue, filters: TicketFilters, cursor?: string): TicketListQuery {
  const result: TicketListQuery = { queue: tab, limit: QUEUE_PAGE_SIZE };
  const q = filters.q?.trim().slice(0, MAX_QUERY_LENGTH);
  if (q) result.q = q;
  if (filters.status) result.status = filters.status;
  if (filters.priority) result.priority = filters.priority;
  if (filters.categoryId) result.categoryId = filters.categoryId;
  if (filters.groupId) result.groupId = filters.groupId;
  if (filters.assigneeId) result.assigneeId = filters.assigneeId;
  if (cursor) result.cursor = cursor;
  return result;
}

/** Whether a string names a queue tab (e.g. one kept in the URL or storage). */
export function isQueueTab(value: string): value is TicketQueue {
  return (QUEUE_TABS as readonly string[]).includes(value);
}
