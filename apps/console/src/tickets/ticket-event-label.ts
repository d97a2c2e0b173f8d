import type { SlaClockName, TicketEventDto } from '../api/api-types.js';
import type { MessageKey } from '../i18n/zh-CN.js';

const knownTypes = [
  'created', 'classified', 'routed', 'assigned', 'status_changed', 'priority_changed', 'category_changed', 'group_changed',
  'reply', 'note', 'customer_reply', 'attachment_added', 'merged', 'merged_from', 'sla_applied', 'sla_warning',
  'sla_breach', 'escalated', 'reopened', 'confirmed', 'auto_closed',
] as const;

const clocks: readonly SlaClockName[] = ['first_response', 'next_response', 'resolution'];

/**
 * The catalogue key naming an event type; null for a type this console does not know yet (a newer
 * server), which the timeline shows generically instead of hiding.
 * @example eventLabelKey('note') // 'ticket.event.note'
 */
export function eventLabelKey(type: string): MessageKey | null {
  return (knownTypes as readonly string[]).includes(type) ? (`ticket.event.${type}` as MessageKey) : null;
}

/** The one line of detail the timeline shows under an event's name, read from its `data`. */
export type EventDetail =
  | { kind: 'change'; from: string | null; to: string }
  | { kind: 'target'; name: string }
  | { kind: 'unassigned' }
  | { kind: 'merged'; number: string; into: boolean }
  | { kind: 'clock'; clock: SlaClockName };

const text = (value: unknown) => (typeof value === 'string' && value ? value : null);

/**
 * What changed, as the event log records it: `{ from, to }` for status, priority and category;
 * the group's or assignee's name for routing and assignment; the other ticket's number for merges;
 * the clock for SLA alerts. Null when there is nothing to add.
 * @example eventDetail({ type: 'group_changed', data: { from: 'g1', to: 'g2', groupName: '售后服务部' } }) // { kind: 'target', name: '售后服务部' }
 */
export function eventDetail(event: Pick<TicketEventDto, 'type' | 'data'>): EventDetail | null {
  const { data } = event;
  switch (event.type) {
    case 'routed':
    case 'group_changed': {
      const name = text(data.groupName);
      return name ? { kind: 'target', name } : null;
    }
    case 'sla_applied': {
      // Which policy now times the ticket: after a re-categorisation it is the one question an agent has.
      const name = text(data.policyName);
      return name ? { kind: 'target', name } : null;
    }
    case 'assigned': {
      const name = text(data.assigneeName);
      if (name) return { kind: 'target', name };
      return data.assigneeId === null ? { kind: 'unassigned' } : null;
    }
    case 'merged':
    case 'merged_from': {
      const number = text(event.type === 'merged' ? data.intoNumber : data.fromNumber);
      return number ? { kind: 'merged', number, into: event.type === 'merged' } : null;
    }
    case 'sla_warning':
    case 'sla_breach':
    case 'escalated': {
      const clock = clocks.find((name) => name === data.clock);
      return clock ? { kind: 'clock', clock } : null;
    }
    default: {
      const to = text(data.to);
      return to ? { kind: 'change', from: text(data.from), to } : null;
    }
  }
}
