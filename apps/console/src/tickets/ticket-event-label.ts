import type { TicketEventDto } from '../api/api-types.js';
import type { MessageKey } from '../i18n/zh-CN.js';

const knownTypes = [
  'created', 'classified', 'routed', 'assigned', 'status_changed', 'priority_changed', 'category_changed', 'group_changed',
  'reply', 'note', 'customer_reply', 'attachment_added', 'merged', 'merged_from', 'sla_applied', 'sla_warning',
  'sla_breach', 'escalated', 'reopened', 'confirmed', 'auto_closed',
] as const;

/**
 * The catalogue key naming an event type; null for a type this console does not know yet (a newer
 * server), which the timeline shows generically instead of hiding.
 * @example eventLabelKey('note') // 'ticket.event.note'
 */
export function eventLabelKey(type: string): MessageKey | null {
  return (knownTypes as readonly string[]).includes(type) ? (`ticket.event.${type}` as MessageKey) : null;
}

/**
 * The before/after of a change event (`data: { from, to }`, as status changes record it), or null.
 * Names win over ids when the server recorded both (`fromName`, `toName`).
 */
export function eventChange(event: Pick<TicketEventDto, 'data'>): { from: string; to: string } | null {
  const pick = (name: 'from' | 'to') => {
    const named = event.data[`${name}Name`];
    if (typeof named === 'string') return named;
    const value = event.data[name];
    return typeof value === 'string' ? value : null;
  };
  const from = pick('from');
  const to = pick('to');
  if (from === null || to === null) return null;
  return { from, to };
}
