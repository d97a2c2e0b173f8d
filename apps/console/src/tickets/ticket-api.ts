import { query, type ApiClient } from '../api/api-client.js';
import type { TicketBulkPatch, TicketDto, TicketEventDto, TicketPage, TicketPatch, TicketReplyInput } from '../api/api-types.js';
import type { TicketListQuery } from './queue-query.js';

const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;

/**
 * The staff ticket routes of docs/design/tickets.md, on the console's ApiClient.
 * @example const page = await new TicketApi(api).list({ queue: 'mine', limit: 50 });
 */
export class TicketApi {
  constructor(private readonly api: ApiClient) {}

  list(params: TicketListQuery): Promise<TicketPage> {
    return this.api.send('GET', `/tickets${query({ ...params })}`);
  }

  get(id: string): Promise<TicketDto> {
    return this.api.send('GET', ticketPath(id));
  }

  events(id: string): Promise<{ items: TicketEventDto[] }> {
    return this.api.send('GET', `${ticketPath(id)}/events`);
  }

  update(id: string, patch: TicketPatch): Promise<TicketDto> {
    return this.api.send('PATCH', ticketPath(id), patch);
  }

  /** A public reply (the customer sees it; meets the first response) or an internal note. */
  reply(id: string, input: TicketReplyInput): Promise<TicketEventDto> {
    return this.api.send('POST', `${ticketPath(id)}/replies`, input);
  }

  /** Merges `id` into `intoTicketId`; answers the target. */
  merge(id: string, intoTicketId: string): Promise<TicketDto> {
    return this.api.send('POST', `${ticketPath(id)}/merge`, { intoTicketId });
  }

  bulk(ids: string[], patch: TicketBulkPatch): Promise<{ updated: number }> {
    return this.api.send('POST', '/tickets/bulk', { ids, patch });
  }

  /** Same-origin link; the session cookie authorises the download. */
  attachmentUrl(ticketId: string, attachmentId: string): string {
    return `/api/v1${ticketPath(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`;
  }
}
