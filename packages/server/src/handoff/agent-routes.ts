import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { BadRequestError } from '../errors/app-error.js';
import type { AgentPresenceService } from './agent-presence-service.js';
import type { AgentProfileRepository } from './agent-profile-repository.js';
import { agentPresenceSchema, agentProfileDtoSchema, agentProfilePatchSchema } from './handoff-dto.js';
import type { HandoffRouter } from './handoff-router.js';

/** A signed-in staff member (an API key has no presence or chats of its own). */
export function signedInUser(staff: StaffPrincipal): Extract<StaffPrincipal, { kind: 'user' }> {
  if (staff.kind !== 'user') throw new BadRequestError('Only a signed-in staff member can do this', 'not_a_user');
  return staff;
}

/** Agent profiles: `GET /agents/me`, `PUT /agents/me/presence`, `GET /agents`, `PATCH /agents/:userId`. */
export const agentRoutes: FastifyPluginAsyncZod<{ profiles: AgentProfileRepository; presence: AgentPresenceService; router: HandoffRouter }> = async (app, { profiles, presence, router }) => {
  app.get('/agents/me', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['handoff'], response: { 200: agentProfileDtoSchema } },
    handler: async (req) => {
      const user = signedInUser(staffOf(req));
      return profiles.get(user, user.userId);
    },
  });

  app.put('/agents/me/presence', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], body: z.strictObject({ presence: agentPresenceSchema }), response: { 200: agentProfileDtoSchema } },
    handler: async (req) => {
      const user = signedInUser(staffOf(req));
      return presence.set(user, user.userId, req.body.presence);
    },
  });

  app.get('/agents', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['handoff'], response: { 200: z.object({ items: z.array(agentProfileDtoSchema) }) } },
    handler: async (req) => ({ items: await profiles.list(staffOf(req)) }),
  });

  app.patch('/agents/:userId', {
    config: { auth: 'users.manage' },
    schema: { tags: ['handoff'], params: z.strictObject({ userId: z.uuid() }), body: agentProfilePatchSchema, response: { 200: agentProfileDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      await profiles.patch(staff, req.params.userId, req.body, new Date());
      const profile = await profiles.get(staff, req.params.userId);
      // More room or new skills may let waiting chats through now rather than on the next tick.
      for (const g of profile.groups) await router.dispatch(staff.tenantId, g.id);
      return profiles.get(staff, req.params.userId);
    },
  });
};
