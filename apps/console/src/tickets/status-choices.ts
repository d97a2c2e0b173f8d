import type { TicketStatus } from '../api/api-types.js';
import { TICKET_STATUSES } from './ticket-tags.js';

/**
 * The statuses a person may pick for a ticket whose status is `current` (null: several tickets at
 * once, as in the bulk bar). The server refuses a move back to `new` (only "not yet answered" is
 * new), so it is offered only as the current value of a new ticket, and then disabled, never as a
 * target that fails after the click.
 * @example statusChoices('open') // [{ value: 'open', disabled: false }, { value: 'pending_customer', … }, …] (no 'new')
 */
export function statusChoices(current: TicketStatus | null): { value: TicketStatus; disabled: boolean }[] {
  return TICKET_STATUSES.filter((status) => status !== 'new' || current === 'new').map((value) => ({ value, disabled: value === 'new' }));
}
