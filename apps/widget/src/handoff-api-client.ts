import { requestJson, sendApiRequest, type ApiEndpoint } from './json-request.js';
import { HandoffStatusSchema, LeftMessageSchema, NO_HANDOFF, type HandoffStatus, type LeftMessage } from './handoff-status-schema.js';
import type { VisitorSession } from './widget-api-client.js';

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The visitor's side of the handoff API (docs/design/handoff.md, "Visitor status" and "Leave a
 * message"), authorised by the chat's visitor token. Failures are WidgetApiErrors.
 *
 * @example
 * const handoff = new HandoffApiClient('https://cs.example.com', fetch);
 * const status = await handoff.status(session); // { state: 'waiting', ahead: 2, etaSeconds: 60, … }
 */
export class HandoffApiClient {
  readonly #endpoint: ApiEndpoint;

  constructor(origin: string, fetchFn: typeof fetch, now: () => number = () => Date.now()) {
    this.#endpoint = { origin: origin.replace(/\/+$/, ''), fetchFn, now };
  }

  status(session: VisitorSession): Promise<HandoffStatus> {
    return requestJson(this.#endpoint, `${conversationPath(session)}/handoff`, { method: 'GET', token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, HandoffStatusSchema);
  }

  /** 取消等待. The answer is the new status when the server sends one; the bot answers again either way. */
  async cancel(session: VisitorSession): Promise<HandoffStatus> {
    const response = await sendApiRequest(this.#endpoint, `${conversationPath(session)}/handoff/cancel`, { method: 'POST', body: {}, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS });
    const parsed = HandoffStatusSchema.safeParse(await response.json().catch(() => undefined));
    return parsed.success ? parsed.data : NO_HANDOFF;
  }

  /** 留言: becomes a ticket the visitor finds under 我的工单. `phone` only when the visitor gave one. */
  leaveMessage(session: VisitorSession, message: { text: string; phone?: string }): Promise<LeftMessage> {
    // The server takes the contact as one line of text, the way an agent reads it on the ticket.
    const body: { text: string; contact?: string } = { text: message.text };
    if (message.phone) body.contact = message.phone;
    return requestJson(this.#endpoint, `${conversationPath(session)}/leave-message`, { method: 'POST', body, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, LeftMessageSchema);
  }
}

function conversationPath(session: VisitorSession): string {
  return `/api/v1/widget/conversations/${encodeURIComponent(session.conversationId)}`;
}
