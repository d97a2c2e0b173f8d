import * as z from 'zod/mini';

/**
 * The visitor-facing state of the conversation's way to a human (`VisitorHandoffStatus` in the
 * server's `events/domain-events.ts`), as pushed on `handoff.status` and returned by
 * `GET /widget/conversations/:id/handoff`. Unknown fields are stripped so a newer server does not break us.
 */
export const HandoffStatusSchema = z.object({
  state: z.enum(['none', 'waiting', 'connected', 'unavailable', 'left_message', 'ended']),
  ahead: z.nullable(z.number()),
  etaSeconds: z.nullable(z.number()),
  agentName: z.nullable(z.string()),
  message: z.nullable(z.string()),
});
export type HandoffStatus = z.infer<typeof HandoffStatusSchema>;

/** `POST /widget/conversations/:id/leave-message` → the number of the ticket the message became. */
export const LeftMessageSchema = z.object({ ticketNumber: z.string() });
export type LeftMessage = z.infer<typeof LeftMessageSchema>;

/** The state the widget assumes when nothing is known: no handoff. */
export const NO_HANDOFF: HandoffStatus = { state: 'none', ahead: null, etaSeconds: null, agentName: null, message: null };
