import type { HandoffReason } from './workspace-api-types.js';

export type ReasonTone = 'danger' | 'warning' | 'normal';

/**
 * How loudly a handoff is shown: high risk (priority 0) red, anger (priority 1) orange, the rest
 * plain. The priority decides too, since a transfer keeps the priority of the request it continues.
 * @example handoffReasonTone('transfer', 0) // 'danger'
 */
export function handoffReasonTone(reason: HandoffReason, priority: number): ReasonTone {
  if (reason === 'high_risk' || priority === 0) return 'danger';
  if (reason === 'anger' || priority === 1) return 'warning';
  return 'normal';
}
