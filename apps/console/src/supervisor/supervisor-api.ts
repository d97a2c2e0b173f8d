import type { ApiClient } from '../api/api-client.js';
import type { HandoffOverview } from './supervisor-api-types.js';

/**
 * The supervisor routes of docs/design/handoff.md (`handoff.supervise`) on the console's ApiClient.
 * @example const { groups, agents, hot } = await new SupervisorApi(api).overview();
 */
export class SupervisorApi {
  constructor(private readonly api: ApiClient) {}

  overview(): Promise<HandoffOverview> {
    return this.api.send('GET', '/handoff/overview');
  }

  /**
   * Moves a live or waiting chat to `toUserId`; the caller's own id takes it over. Refused with 409
   * `agent_lacks_skill` / `agent_at_capacity` / `agent_offline` and a message naming the reason.
   */
  reassign(requestId: string, toUserId: string): Promise<unknown> {
    return this.api.send('POST', `/handoff/requests/${encodeURIComponent(requestId)}/reassign`, { toUserId });
  }
}
