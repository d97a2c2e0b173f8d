import { z } from 'zod';
import { CALL_KINDS, CALL_STATES, type CallRow } from './call-schema.js';

export const iceServerSchema = z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() });

export const callDtoSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  kind: z.enum(CALL_KINDS),
  state: z.enum(CALL_STATES),
  startedBy: z.string().nullable(),
  createdAt: z.string(),
  /** Until then the visitor may still answer; after it the call is missed. */
  ringDeadline: z.string(),
  connectedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.int().nullable(),
  endedBy: z.enum(['agent', 'visitor', 'system']).nullable(),
  endReason: z.string().nullable(),
  /** The visitor consented to recording in the prompt (and the tenant allows it): the agent side may record. */
  recordingAllowed: z.boolean(),
});
export type CallDto = z.infer<typeof callDtoSchema>;

/** A call and the ICE servers (with this call's TURN credential) its party connects through. */
export const joinedCallDtoSchema = z.object({ call: callDtoSchema, iceServers: z.array(iceServerSchema) });

export const startCallInputSchema = z.strictObject({ kind: z.enum(CALL_KINDS).default('video') });
export const acceptCallInputSchema = z.strictObject({
  /** The visitor ticked 同意录制 in the prompt; stored in the consent ledger (scope `recording`). */
  recordingConsent: z.boolean().default(false),
  /** The visitor's side could only get a microphone (permission denied or no camera). */
  audioOnly: z.boolean().default(false),
});
/** Why a party ends a call: a plain hang-up, or the network that did not come back. */
export const endCallInputSchema = z.strictObject({ reason: z.enum(['hangup', 'network', 'media_unavailable']).default('hangup') });
export const callSettingsSchema = z.strictObject({ recordingEnabled: z.boolean() });

export function toCallDto(row: CallRow): CallDto {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    kind: row.kind,
    state: row.state,
    startedBy: row.started_by,
    createdAt: row.created_at.toISOString(),
    ringDeadline: row.ring_deadline.toISOString(),
    connectedAt: row.connected_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    durationSeconds: row.duration_seconds,
    endedBy: row.ended_by,
    endReason: row.end_reason,
    recordingAllowed: row.recording_consent_id !== null,
  };
}
