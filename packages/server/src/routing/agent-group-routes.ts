import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, type AuditLog } from '../auth/audit-log.js';
import { staffOf } from '../auth/auth-hooks.js';
import { BadRequestError } from '../errors/app-error.js';
import { idParamsSchema } from '../http/common-schemas.js';
import { agentGroupDtoSchema, agentGroupInputSchema, agentGroupMemberDtoSchema, agentGroupMembersInputSchema, agentGroupPatchSchema } from './agent-group-dto.js';
import type { AgentGroupRepository } from './agent-group-repository.js';
import type { DispatchSweep } from './dispatch-sweep.js';
import { routingRuleDtoSchema, routingRuleInputSchema, routingRulePatchSchema } from './routing-rule-dto.js';
import type { RoutingRuleRepository } from './routing-rule-repository.js';

export interface AgentGroupRouteDeps {
  groups: AgentGroupRepository;
  rules: RoutingRuleRepository;
  sweep: DispatchSweep;
  audit: AuditLog;
}

/**
 * Admin routes for agent groups, their members and the ticket routing rules (`tickets.admin` to
 * write, `tickets.read` to read), and `PUT /agent-groups/me/duty` for staff to go on or off duty.
 */
export const agentGroupRoutes: FastifyPluginAsyncZod<AgentGroupRouteDeps> = async (app, { groups, rules, sweep, audit }) => {
  // Waiting tickets need not wait for the next sweep when capacity just appeared; the sweep catches up if this fails.
  const dispatchNow = async (log: FastifyBaseLogger, tenantId: string, groupIds: string[]) => {
    try {
      await sweep.runGroups(tenantId, groupIds, new Date());
    } catch (err) {
      log.warn({ err, groupIds }, 'immediate dispatch failed; the next sweep retries');
    }
  };

  app.get('/agent-groups', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['routing'], response: { 200: z.object({ items: z.array(agentGroupDtoSchema) }) } },
    handler: async (req) => ({ items: await groups.list(staffOf(req)) }),
  });

  app.post('/agent-groups', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['routing'], body: agentGroupInputSchema, response: { 201: agentGroupDtoSchema } },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const group = await groups.create(staff, req.body);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'agent_group.created', objectType: 'agent_group', objectId: group.id });
      return reply.status(201).send(group);
    },
  });

  app.put('/agent-groups/me/duty', {
    config: { auth: 'tickets.write' },
    schema: {
      tags: ['routing'],
      body: z.strictObject({ onDuty: z.boolean() }),
      response: { 200: z.object({ onDuty: z.boolean(), groupIds: z.array(z.string()) }) },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      if (staff.kind !== 'user') throw new BadRequestError('Only a signed-in staff member can go on or off duty', 'not_a_user');
      const groupIds = await groups.setDuty(staff, staff.userId, req.body.onDuty);
      if (req.body.onDuty && groupIds.length > 0) await dispatchNow(req.log, staff.tenantId, groupIds);
      return { onDuty: req.body.onDuty, groupIds };
    },
  });

  app.patch('/agent-groups/:id', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['routing'], params: idParamsSchema, body: agentGroupPatchSchema, response: { 200: agentGroupDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      const group = await groups.update(staff, req.params.id, req.body);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'agent_group.updated', objectType: 'agent_group', objectId: group.id, detail: { fields: Object.keys(req.body) } });
      return group;
    },
  });

  app.delete('/agent-groups/:id', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['routing'], params: idParamsSchema },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      await groups.delete(staff, req.params.id);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'agent_group.deleted', objectType: 'agent_group', objectId: req.params.id });
      return reply.status(204).send();
    },
  });

  app.get('/agent-groups/:id/members', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['routing'], params: idParamsSchema, response: { 200: z.object({ items: z.array(agentGroupMemberDtoSchema) }) } },
    handler: async (req) => ({ items: await groups.listMembers(staffOf(req), req.params.id) }),
  });

  app.put('/agent-groups/:id/members', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['routing'], params: idParamsSchema, body: agentGroupMembersInputSchema, response: { 200: z.object({ items: z.array(agentGroupMemberDtoSchema) }) } },
    handler: async (req) => {
      const staff = staffOf(req);
      const items = await groups.replaceMembers(staff, req.params.id, req.body);
      await audit.record({
        tenantId: staff.tenantId,
        ...auditActor(staff),
        action: 'agent_group.members_replaced',
        objectType: 'agent_group',
        objectId: req.params.id,
        detail: { userIds: items.map((m) => m.userId) },
      });
      await dispatchNow(req.log, staff.tenantId, [req.params.id]);
      return { items };
    },
  });

  app.get('/ticket-routing-rules', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['routing'], response: { 200: z.object({ items: z.array(routingRuleDtoSchema) }) } },
    handler: async (req) => ({ items: await rules.list(staffOf(req)) }),
  });

  app.post('/ticket-routing-rules', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['routing'], body: routingRuleInputSchema, response: { 201: routingRuleDtoSchema } },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const rule = await rules.create(staff, req.body);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'routing_rule.created', objectType: 'ticket_routing_rule', objectId: rule.id });
      return reply.status(201).send(rule);
    },
  });

  app.patch('/ticket-routing-rules/:id', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['routing'], params: idParamsSchema, body: routingRulePatchSchema, response: { 200: routingRuleDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      const rule = await rules.update(staff, req.params.id, req.body);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'routing_rule.updated', objectType: 'ticket_routing_rule', objectId: rule.id, detail: { fields: Object.keys(req.body) } });
      return rule;
    },
  });

  app.delete('/ticket-routing-rules/:id', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['routing'], params: idParamsSchema },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      await rules.delete(staff, req.params.id);
      await audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action: 'routing_rule.deleted', objectType: 'ticket_routing_rule', objectId: req.params.id });
      return reply.status(204).send();
    },
  });
};
