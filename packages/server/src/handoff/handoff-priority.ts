import { HANDOFF_PRIORITY, type HandoffPriority, type HandoffReason } from './handoff-schema.js';

/**
 * Queue priority of a new request: high risk (by reason or the risk classifier), anger (by reason
 * or the emotion classifier), a verified customer, everyone else. Pure.
 * @example handoffPriority({ reason: 'user_request', riskLevel: null, emotion: 'anger', verified: false }) // 1
 */
export function handoffPriority(input: { reason: HandoffReason; riskLevel: string | null; emotion: string | null; verified: boolean }): HandoffPriority {
  if (input.reason === 'high_risk' || input.riskLevel === 'high') return HANDOFF_PRIORITY.high_risk;
  if (input.reason === 'anger' || input.emotion === 'anger') return HANDOFF_PRIORITY.anger;
  if (input.verified) return HANDOFF_PRIORITY.verified;
  return HANDOFF_PRIORITY.normal;
}
