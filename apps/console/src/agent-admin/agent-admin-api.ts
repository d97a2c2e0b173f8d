import type { ApiClient } from '../api/api-client.js';
import type { AgentProfile, AgentProfilePatch, CannedReply, CannedReplyInput, GroupChatSettings } from './agent-admin-api-types.js';

const id = (value: string) => encodeURIComponent(value);

/**
 * The staffing routes of docs/design/handoff.md: agent profiles, canned replies and the chat
 * settings of agent groups, on the console's ApiClient.
 * @example await new AgentAdminApi(api).updateAgent('u7', { maxChats: 5, skills: ['售后'] });
 */
export class AgentAdminApi {
  constructor(private readonly api: ApiClient) {}

  listAgents(): Promise<{ items: AgentProfile[] }> {
    return this.api.send('GET', '/agents');
  }

  /** Needs `users.manage` (admins). */
  updateAgent(userId: string, patch: AgentProfilePatch): Promise<AgentProfile> {
    return this.api.send('PATCH', `/agents/${id(userId)}`, patch);
  }

  /** The tenant's replies and the caller's own. */
  listCannedReplies(): Promise<{ items: CannedReply[] }> {
    return this.api.send('GET', '/canned-replies');
  }

  /** 409 `canned_shortcut_taken` when the shortcut is already used in the same scope. */
  createCannedReply(input: CannedReplyInput): Promise<CannedReply> {
    return this.api.send('POST', '/canned-replies', input);
  }

  updateCannedReply(replyId: string, patch: Partial<Omit<CannedReplyInput, 'scope'>>): Promise<CannedReply> {
    return this.api.send('PATCH', `/canned-replies/${id(replyId)}`, patch);
  }

  deleteCannedReply(replyId: string): Promise<void> {
    return this.api.send('DELETE', `/canned-replies/${id(replyId)}`);
  }

  /** Only the chat routing columns; the group's name and calendar stay with the ticket admin form. */
  updateGroupChat(groupId: string, settings: Partial<GroupChatSettings>): Promise<unknown> {
    return this.api.send('PATCH', `/agent-groups/${id(groupId)}`, settings);
  }
}
