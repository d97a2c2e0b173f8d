import * as z from 'zod/mini';
import { requestJson, type ApiEndpoint } from './json-request.js';
import type { VisitorSession } from './widget-api-client.js';

const REQUEST_TIMEOUT_MS = 15_000;

export const CallSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  kind: z.enum(['video', 'audio']),
  state: z.enum(['ringing', 'connected', 'ended', 'declined', 'missed', 'failed']),
  durationSeconds: z.nullable(z.number()),
  endedBy: z.nullable(z.string()),
  endReason: z.nullable(z.string()),
});
export type Call = z.infer<typeof CallSchema>;

const IceServerSchema = z.object({ urls: z.array(z.string()), username: z.optional(z.string()), credential: z.optional(z.string()) });
const JoinedSchema = z.object({ call: CallSchema, iceServers: z.array(IceServerSchema) });
const LiveSchema = z.object({ call: z.nullable(CallSchema), recordingEnabled: z.boolean() });
export type JoinedCall = z.infer<typeof JoinedSchema>;

/**
 * The visitor's side of the call API (#15), authorised by the chat's visitor token.
 * @example const { call, iceServers } = await calls.accept(session, callId, { recordingConsent: false, audioOnly: false });
 */
export class CallApiClient {
  readonly #endpoint: ApiEndpoint;

  constructor(origin: string, fetchFn: typeof fetch, now: () => number = () => Date.now()) {
    this.#endpoint = { origin: origin.replace(/\/+$/, ''), fetchFn, now };
  }

  /** The conversation's ringing or running call, and whether the tenant records calls (the prompt then asks for consent). */
  live(session: VisitorSession): Promise<z.infer<typeof LiveSchema>> {
    return requestJson(this.#endpoint, `/api/v1/widget/conversations/${encodeURIComponent(session.conversationId)}/call`, { method: 'GET', token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, LiveSchema);
  }

  accept(session: VisitorSession, callId: string, input: { recordingConsent: boolean; audioOnly: boolean }): Promise<JoinedCall> {
    return requestJson(this.#endpoint, `${callPath(callId)}/accept`, { method: 'POST', body: input, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, JoinedSchema);
  }

  decline(session: VisitorSession, callId: string): Promise<Call> {
    return requestJson(this.#endpoint, `${callPath(callId)}/decline`, { method: 'POST', body: {}, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, CallSchema);
  }

  hangUp(session: VisitorSession, callId: string, reason: 'hangup' | 'network' | 'media_unavailable'): Promise<Call> {
    return requestJson(this.#endpoint, `${callPath(callId)}/hangup`, { method: 'POST', body: { reason }, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, CallSchema);
  }
}

function callPath(callId: string): string {
  return `/api/v1/widget/calls/${encodeURIComponent(callId)}`;
}
