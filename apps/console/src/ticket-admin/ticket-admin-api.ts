import type { ApiClient } from '../api/api-client.js';
import type {
  AgentGroup,
  AgentGroupInput,
  AgentGroupMember,
  AgentGroupMemberInput,
  BusinessCalendar,
  BusinessCalendarInput,
  CalendarYear,
  SlaPolicy,
  SlaPolicyInput,
  StaffUserSummary,
  TicketCategory,
  TicketCategoryInput,
  TicketRoutingRule,
  TicketRoutingRuleInput,
} from '../api/api-types.js';

const id = (value: string) => encodeURIComponent(value);

/**
 * The ticket administration routes (groups, categories, routing rules, SLA policies, the business
 * calendar) on the console's ApiClient. Reads need `tickets.read`, writes `tickets.admin`.
 */
export class TicketAdminApi {
  constructor(private readonly api: ApiClient) {}

  listGroups(): Promise<{ items: AgentGroup[] }> {
    return this.api.send('GET', '/agent-groups');
  }

  createGroup(input: AgentGroupInput): Promise<AgentGroup> {
    return this.api.send('POST', '/agent-groups', input);
  }

  updateGroup(groupId: string, input: Partial<AgentGroupInput>): Promise<AgentGroup> {
    return this.api.send('PATCH', `/agent-groups/${id(groupId)}`, input);
  }

  deleteGroup(groupId: string): Promise<void> {
    return this.api.send('DELETE', `/agent-groups/${id(groupId)}`);
  }

  listMembers(groupId: string): Promise<{ items: AgentGroupMember[] }> {
    return this.api.send('GET', `/agent-groups/${id(groupId)}/members`);
  }

  /** Replaces the whole member list; answers the new list. */
  setMembers(groupId: string, members: AgentGroupMemberInput[]): Promise<{ items: AgentGroupMember[] }> {
    return this.api.send('PUT', `/agent-groups/${id(groupId)}/members`, { members });
  }

  /** The signed-in agent goes on or off duty in all their groups; answers the groups touched. */
  setMyDuty(onDuty: boolean): Promise<{ onDuty: boolean; groupIds: string[] }> {
    return this.api.send('PUT', '/agent-groups/me/duty', { onDuty });
  }

  listCategories(): Promise<{ items: TicketCategory[] }> {
    return this.api.send('GET', '/ticket-categories');
  }

  createCategory(input: TicketCategoryInput): Promise<TicketCategory> {
    return this.api.send('POST', '/ticket-categories', input);
  }

  updateCategory(categoryId: string, input: Partial<Omit<TicketCategoryInput, 'key'>>): Promise<TicketCategory> {
    return this.api.send('PATCH', `/ticket-categories/${id(categoryId)}`, input);
  }

  listRules(): Promise<{ items: TicketRoutingRule[] }> {
    return this.api.send('GET', '/ticket-routing-rules');
  }

  createRule(input: TicketRoutingRuleInput): Promise<TicketRoutingRule> {
    return this.api.send('POST', '/ticket-routing-rules', input);
  }

  updateRule(ruleId: string, input: Partial<TicketRoutingRuleInput>): Promise<TicketRoutingRule> {
    return this.api.send('PATCH', `/ticket-routing-rules/${id(ruleId)}`, input);
  }

  deleteRule(ruleId: string): Promise<void> {
    return this.api.send('DELETE', `/ticket-routing-rules/${id(ruleId)}`);
  }

  listPolicies(): Promise<{ items: SlaPolicy[] }> {
    return this.api.send('GET', '/sla-policies');
  }

  createPolicy(input: SlaPolicyInput): Promise<SlaPolicy> {
    return this.api.send('POST', '/sla-policies', input);
  }

  updatePolicy(policyId: string, input: Partial<SlaPolicyInput>): Promise<SlaPolicy> {
    return this.api.send('PATCH', `/sla-policies/${id(policyId)}`, input);
  }

  deletePolicy(policyId: string): Promise<void> {
    return this.api.send('DELETE', `/sla-policies/${id(policyId)}`);
  }

  getCalendar(): Promise<BusinessCalendar> {
    return this.api.send('GET', '/business-calendar');
  }

  saveCalendar(input: BusinessCalendarInput): Promise<BusinessCalendar> {
    return this.api.send('PUT', '/business-calendar', input);
  }

  calendarYear(year: number): Promise<CalendarYear> {
    return this.api.send('GET', `/business-calendar/year?year=${year}`);
  }

  /** Staff of the tenant (needs `users.read`: admins and supervisors). */
  listUsers(): Promise<{ items: StaffUserSummary[] }> {
    return this.api.send('GET', '/users');
  }
}
