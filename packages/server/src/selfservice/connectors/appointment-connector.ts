import type { ConnectorContext } from './connector-context.js';

export interface AppointmentSlot {
  id: string;
  day: string;
  startTime: string;
  endTime: string;
  remaining: number;
}

export interface BookingRequest {
  service: string;
  slotId: string;
  name: string;
  idCard: string;
}

/**
 * Counter appointments. A slot never takes more bookings than its capacity,
 * even under concurrent requests. Failures: `service_not_found`, `invalid_date`,
 * `slot_not_found`, `slot_full`, `already_booked`.
 */
export interface AppointmentConnector {
  listSlots(ctx: ConnectorContext, service: string, day: string): Promise<{ serviceName: string; location: string; slots: AppointmentSlot[] }>;
  book(ctx: ConnectorContext, request: BookingRequest): Promise<{ referenceNumber: string; day: string; startTime: string; endTime: string; location: string }>;
}
