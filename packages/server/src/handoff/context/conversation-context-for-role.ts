import type { Role } from '../../db/schema.js';
import { maskSensitiveNumbers, messagesForRole } from '../../privacy/sensitive-number-mask.js';
import type { ConversationContext } from './conversation-context-dto.js';

/** The panel's own fields, which the audited reveal route gives back in full. */
export interface RevealedContextFields {
  summary: string;
  slots: Record<string, unknown>;
  records: ConversationContext['customer']['records'];
  transferNote: string | null;
}

/**
 * The context as a staff role may see it. The transcript follows the message list (masked unless the role
 * has `pii.reveal`); the panel's glance fields (summary, slots, customer records, transfer note) are masked
 * for every role, because an ID or card number on screen is needed rarely and each look at it should be a
 * deliberate, audited act (`POST …/context/reveal`).
 * @example contextForRole('agent', context).summary // '客户… 身份证110105********002X'
 */
export function contextForRole(role: Role, context: ConversationContext): ConversationContext {
  const masked = maskedPanelFields(panelFields(context));
  return {
    ...context,
    messages: messagesForRole(role, context.messages),
    summary: masked.summary,
    understanding: { ...context.understanding, slots: masked.slots },
    customer: { ...context.customer, records: masked.records },
    handoff: context.handoff ? { ...context.handoff, transferNote: masked.transferNote } : null,
  };
}

/** The fields `contextForRole` masks, in full. */
export function panelFields(context: ConversationContext): RevealedContextFields {
  return { summary: context.summary, slots: context.understanding.slots, records: context.customer.records, transferNote: context.handoff?.transferNote ?? null };
}

function maskedPanelFields(fields: RevealedContextFields): RevealedContextFields {
  return {
    summary: maskSensitiveNumbers(fields.summary),
    slots: Object.fromEntries(Object.entries(fields.slots).map(([name, value]) => [name, typeof value === 'string' ? maskSensitiveNumbers(value) : value])),
    records: fields.records.map((r) => ({ ...r, fields: Object.fromEntries(Object.entries(r.fields).map(([name, value]) => [name, maskSensitiveNumbers(value)])) })),
    transferNote: fields.transferNote === null ? null : maskSensitiveNumbers(fields.transferNote),
  };
}
