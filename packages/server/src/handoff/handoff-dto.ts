import { z } from 'zod';
import { CONVERSATION_CHANNELS } from '../db/migrations/0023-conversation-channel.js';

// The wire shapes of the handoff queue and agent profiles (docs/design/handoff.md, "Staff API").

export const agentPresenceSchema = z.enum(['online', 'away', 'offline']);

export const agentProfileDtoSchema = z.object({
  userId: z.string(),
  name: z.string(),
  presence: agentPresenceSchema,
  maxChats: z.number().int(),
  skills: z.array(z.string()),
  /** Chats offered to or held by the agent now (what counts against maxChats). */
  activeChats: z.number().int(),
  groups: z.array(z.object({ id: z.string(), name: z.string(), isSupervisor: z.boolean() })),
});
export type AgentProfileDto = z.infer<typeof agentProfileDtoSchema>;

const skillSchema = z
  .string()
  .refine((s) => !s.includes('\u0000') && s.isWellFormed(), 'must be valid text')
  .transform((s) => s.trim())
  .pipe(z.string().min(1).max(40));

export const skillsSchema = z
  .array(skillSchema)
  .max(50)
  .transform((skills) => [...new Set(skills)]);

export const agentProfilePatchSchema = z.strictObject({ maxChats: z.number().int().min(0).max(50).optional(), skills: skillsSchema.optional() });
export type AgentProfilePatch = z.infer<typeof agentProfilePatchSchema>;

const handoffReasonSchema = z.enum(['user_request', 'high_risk', 'anger', 'repeated_failure', 'flow', 'transfer']);
const handoffStatusSchema = z.enum(['queued', 'offered', 'assigned', 'ended', 'unavailable', 'left_message', 'cancelled']);

/** One request as the queue views show it (`GET /handoff/queue`, `/handoff/mine`, accept…). */
export const handoffRequestDtoSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Where the customer came in (web, app, wechat_mp …), so the agent knows what the customer can see. */
  channel: z.enum(CONVERSATION_CHANNELS),
  visitorName: z.string().nullable(),
  verified: z.boolean(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  reason: handoffReasonSchema,
  priority: z.number().int(),
  status: handoffStatusSchema,
  offeredTo: z.string().nullable(),
  offerExpiresAt: z.string().nullable(),
  assignedTo: z.string().nullable(),
  queuedAt: z.string(),
  waitSeconds: z.number().int(),
  /** Waiting requests of the same group served before this one (null once it is no longer waiting). */
  ahead: z.number().int().nullable(),
  /** The visitor's latest message, shortened (the context endpoint has the full summary). */
  summary: z.string(),
  transferNote: z.string().nullable(),
});
export type HandoffRequestDto = z.infer<typeof handoffRequestDtoSchema>;

export const handoffOverviewDtoSchema = z.object({
  groups: z.array(z.object({ id: z.string(), name: z.string(), waiting: z.number().int(), longestWaitSeconds: z.number().int(), onlineAgents: z.number().int(), open: z.boolean() })),
  agents: z.array(z.object({ userId: z.string(), name: z.string(), presence: agentPresenceSchema, activeChats: z.number().int(), maxChats: z.number().int(), skills: z.array(z.string()) })),
  hot: z.array(
    z.object({
      conversationId: z.string(),
      channel: z.enum(CONVERSATION_CHANNELS),
      requestId: z.string(),
      reason: handoffReasonSchema,
      priority: z.number().int(),
      status: handoffStatusSchema,
      assignedTo: z.string().nullable(),
      /** The agent the conversation is on offer to right now (status `offered`), else null. */
      offeredTo: z.string().nullable(),
      risk: z.string().nullable(),
      emotion: z.string().nullable(),
      waitSeconds: z.number().int(),
    }),
  ),
});
export type HandoffOverviewDto = z.infer<typeof handoffOverviewDtoSchema>;

export const visitorHandoffStatusSchema = z.object({
  state: z.enum(['none', 'waiting', 'connected', 'unavailable', 'left_message', 'ended']),
  ahead: z.number().int().nullable(),
  etaSeconds: z.number().int().nullable(),
  agentName: z.string().nullable(),
  message: z.string().nullable(),
});
