import { query, type ApiClient } from '../api/api-client.js';
import type { AgentGroup, Conversation, Page } from '../api/api-types.js';
import type {
  AgentAction,
  AgentActionResult,
  AgentMe,
  AgentPresence,
  AgentProfile,
  AssistSearchHit,
  AssistSuggestion,
  ConversationContext,
  Disposition,
  HandoffMineItem,
  HandoffQueueItem,
  RenderedCannedReply,
  RevealedContext,
  StaffMessage,
  TransferInput,
} from './workspace-api-types.js';

const conversationPath = (id: string) => `/conversations/${encodeURIComponent(id)}`;
const requestPath = (id: string) => `/handoff/requests/${encodeURIComponent(id)}`;

/**
 * The agent-side handoff routes of docs/design/handoff.md on the console's ApiClient.
 * @example await new WorkspaceApi(api).setPresence('online')
 */
export class WorkspaceApi {
  constructor(private readonly api: ApiClient) {}

  me(): Promise<AgentMe> {
    return this.api.send('GET', '/agents/me');
  }

  setPresence(presence: AgentPresence): Promise<AgentMe> {
    return this.api.send('PUT', '/agents/me/presence', { presence });
  }

  agents(): Promise<Page<AgentProfile>> {
    return this.api.send('GET', '/agents');
  }

  /** Groups for transfer: the routing's groups (`GET /agent-groups`), with their chat flag. */
  groups(): Promise<Page<AgentGroup & { handlesChat?: boolean }>> {
    return this.api.send('GET', '/agent-groups');
  }

  queue(): Promise<Page<HandoffQueueItem>> {
    return this.api.send('GET', '/handoff/queue');
  }

  mine(): Promise<Page<HandoffMineItem>> {
    return this.api.send('GET', '/handoff/mine');
  }

  /** Accepts an offer or pulls a queued request; 409 `handoff_already_taken` when someone was faster. */
  accept(requestId: string): Promise<unknown> {
    return this.api.send('POST', `${requestPath(requestId)}/accept`);
  }

  decline(requestId: string): Promise<unknown> {
    return this.api.send('POST', `${requestPath(requestId)}/decline`);
  }

  context(conversationId: string): Promise<ConversationContext> {
    return this.api.send('GET', `${conversationPath(conversationId)}/context`);
  }

  /** The context panel's masked fields in full (`pii.reveal`); the server audits each call. */
  revealContext(conversationId: string): Promise<RevealedContext> {
    return this.api.send('POST', `${conversationPath(conversationId)}/context/reveal`);
  }

  /** An internal note; like replies it is deduped by clientMsgId, so it may be retried. */
  note(conversationId: string, text: string, clientMsgId: string): Promise<StaffMessage> {
    return this.api.send('POST', `${conversationPath(conversationId)}/notes`, { text, clientMsgId });
  }

  transfer(conversationId: string, input: TransferInput): Promise<unknown> {
    return this.api.send('POST', `${conversationPath(conversationId)}/transfer`, input);
  }

  invite(conversationId: string, userId: string, note?: string): Promise<unknown> {
    return this.api.send('POST', `${conversationPath(conversationId)}/invite`, note ? { userId, note } : { userId });
  }

  close(conversationId: string, disposition: Disposition): Promise<Conversation> {
    return this.api.send('POST', `${conversationPath(conversationId)}/close`, { disposition });
  }

  assist(conversationId: string, messageId?: string): Promise<Page<AssistSuggestion>> {
    return this.api.send('GET', `${conversationPath(conversationId)}/assist${query({ messageId })}`);
  }

  suggestionUsed(suggestionId: string): Promise<unknown> {
    return this.api.send('POST', `/assist/suggestions/${encodeURIComponent(suggestionId)}/used`);
  }

  search(q: string): Promise<Page<AssistSearchHit>> {
    return this.api.send('GET', `/assist/search${query({ q })}`);
  }

  /** The canned replies the caller may use (the tenant's and their own), as `/` menu items: what a bare `/` lists. */
  async cannedReplies(): Promise<AssistSearchHit[]> {
    const page = await this.api.send<Page<{ id: string; shortcut: string; title: string; body: string }>>('GET', '/canned-replies');
    return page.items.map((reply) => ({ kind: 'canned', id: reply.id, title: reply.title, body: reply.body, shortcut: reply.shortcut }));
  }

  /** A canned reply with `{customerName}`, `{orderNumber}`… filled for the conversation. */
  renderCanned(cannedReplyId: string, conversationId: string): Promise<RenderedCannedReply> {
    return this.api.send('GET', `/canned-replies/${encodeURIComponent(cannedReplyId)}/render${query({ conversationId })}`);
  }

  actions(conversationId: string): Promise<Page<AgentAction>> {
    return this.api.send('GET', `${conversationPath(conversationId)}/actions`);
  }

  runAction(conversationId: string, name: string, args: Record<string, unknown>): Promise<AgentActionResult> {
    return this.api.send('POST', `${conversationPath(conversationId)}/actions`, { name, args });
  }
}
