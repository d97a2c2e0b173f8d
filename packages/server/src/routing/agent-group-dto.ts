import { z } from 'zod';
import { plainTextSchema } from '../http/common-schemas.js';

// The wire shapes of agent groups (departments) and their members, shared with the chat handoff queue later.

export const agentGroupDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Null: the tenant's default business calendar. */
  calendarId: z.string().nullable(),
  memberCount: z.number().int(),
  onDutyCount: z.number().int(),
  createdAt: z.string(),
  /** Chat routing (handoff queue, migration 0015). */
  handlesChat: z.boolean(),
  chatSkills: z.array(z.string()),
  chatIntents: z.array(z.string()),
  isChatDefault: z.boolean(),
  offerTimeoutSeconds: z.number().int(),
});
export type AgentGroupDto = z.infer<typeof agentGroupDtoSchema>;

const descriptionSchema = z
  .string()
  .max(500)
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .refine((s) => s.isWellFormed(), 'must be valid Unicode')
  .transform((s) => s.trim());

const chatTagsSchema = z
  .array(plainTextSchema(60))
  .max(50)
  .transform((tags) => [...new Set(tags)]);

export const agentGroupInputSchema = z.strictObject({
  name: plainTextSchema(100),
  description: descriptionSchema.optional(),
  calendarId: z.uuid().nullable().optional(),
  /** Chats are routed to this group too (default true). */
  handlesChat: z.boolean().optional(),
  /** Skills every chat routed here needs. */
  chatSkills: chatTagsSchema.optional(),
  /** Bot intents whose handoffs this group takes. */
  chatIntents: chatTagsSchema.optional(),
  /** The tenant's chat group for handoffs no intent names; setting it moves the mark from any other group. */
  isChatDefault: z.boolean().optional(),
  offerTimeoutSeconds: z.number().int().min(5).max(600).optional(),
});
export type AgentGroupInput = z.infer<typeof agentGroupInputSchema>;

export const agentGroupPatchSchema = agentGroupInputSchema.partial();
export type AgentGroupPatch = z.infer<typeof agentGroupPatchSchema>;

export const agentGroupMemberDtoSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  /** A deactivated account is never assigned work. */
  active: z.boolean(),
  isSupervisor: z.boolean(),
  maxOpenTickets: z.number().int(),
  onDuty: z.boolean(),
  /** Tickets new, open or waiting for the customer that the member holds now, in all groups. */
  openTickets: z.number().int(),
});
export type AgentGroupMemberDto = z.infer<typeof agentGroupMemberDtoSchema>;

export const agentGroupMembersInputSchema = z.strictObject({
  members: z
    .array(
      z.strictObject({
        userId: z.uuid(),
        isSupervisor: z.boolean().default(false),
        maxOpenTickets: z.number().int().min(0).max(1000).default(30),
        onDuty: z.boolean().default(true),
      }),
    )
    .max(500)
    .refine((members) => new Set(members.map((m) => m.userId)).size === members.length, 'each user may appear once'),
});
export type AgentGroupMembersInput = z.infer<typeof agentGroupMembersInputSchema>;
