import { z } from 'zod';
import type { AppointmentConnector, BookingRequest } from '../connectors/appointment-connector.js';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall } from './remote-failure.js';

const slotsSchema = z.object({
  serviceName: z.string(),
  location: z.string(),
  slots: z.array(z.object({ id: z.string(), day: z.string(), startTime: z.string(), endTime: z.string(), remaining: z.number().int() })),
});
const bookingSchema = z.object({ referenceNumber: z.string(), day: z.string(), startTime: z.string(), endTime: z.string(), location: z.string() });

/**
 * Counter appointments of a government hall: `GET /appointment-services/{service}/slots?day=` (free slots),
 * `POST /appointments` `{ service, slotId, name, idCard, conversationId, customerId }` (Idempotency-Key).
 * The hall keeps a slot's capacity. Refusals: `service_not_found`, `invalid_date`, `slot_not_found`, `slot_full`, `already_booked`.
 */
export class HttpAppointmentConnector implements AppointmentConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async listSlots(ctx: ConnectorContext, service: string, day: string) {
    const query = new URLSearchParams({ day });
    return slotsSchema.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `/appointment-services/${encodeURIComponent(service)}/slots?${query}`)));
  }

  async book(ctx: ConnectorContext, request: BookingRequest) {
    const body = { ...request, conversationId: ctx.conversationId, customerId: ctx.customerId ?? null };
    return bookingSchema.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', '/appointments', { body, idempotencyKey: ctx.idempotencyKey })));
  }
}
