import { createHash, randomUUID } from 'node:crypto';
import type { AppointmentConnector, AppointmentSlot, BookingRequest } from '../connectors/appointment-connector.js';
import type { ConnectorContext } from '../connectors/connector-context.js';
import { chinaDay } from '../china-calendar.js';
import { chinaWorkCalendar, isCalendarDay, type ChinaWorkCalendar } from '@zhida/china-calendar';
import { nextReference } from '../reference-numbers.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';

/** The daily counter schedule of every service: four one-hour windows. */
export const DAILY_WINDOWS = [
  { start: '09:00', end: '10:00', capacity: 3 },
  { start: '10:00', end: '11:00', capacity: 3 },
  { start: '14:00', end: '15:00', capacity: 3 },
  { start: '15:30', end: '16:30', capacity: 2 },
] as const;

export const BOOKING_HORIZON_WORKING_DAYS = 10;

/**
 * Counter appointments of the demo government hall. Slots of a working day are
 * created on first use, so the calendar never runs out however long the demo runs.
 */
export class DemoAppointmentConnector implements AppointmentConnector {
  constructor(
    private readonly db: SelfServiceDb,
    private readonly calendar: ChinaWorkCalendar = chinaWorkCalendar,
  ) {}

  async listSlots(ctx: ConnectorContext, service: string, day: string) {
    const info = await this.service(ctx, service);
    if (!isCalendarDay(day)) throw new SelfServiceFailure('invalid_date', `${day} 不是有效日期，请重新选择`);
    const today = chinaDay(ctx.now);
    const bookable = this.calendar.nextWorkingDays(today, BOOKING_HORIZON_WORKING_DAYS);
    // A future holiday is named, even beyond the horizon: "国庆节放假" tells the customer more than "outside the window".
    if (day > today) refuseClosedDay(this.calendar, day);
    if (!bookable.includes(day)) throw new SelfServiceFailure('invalid_date', `只能预约 ${bookable[0]} 至 ${bookable.at(-1)} 之间的工作日`);
    await ensureSlots(this.db, ctx.tenantId, service, day);
    const rows = await this.db
      .selectFrom('demo_appointment_slots')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('service_code', '=', service)
      .where('day', '=', day)
      .orderBy('start_time')
      .execute();
    const slots: AppointmentSlot[] = rows
      .filter((r) => r.booked < r.capacity)
      .map((r) => ({ id: r.id, day: r.day, startTime: r.start_time, endTime: r.end_time, remaining: r.capacity - r.booked }));
    return { serviceName: info.name, location: info.location, slots };
  }

  async book(ctx: ConnectorContext, request: BookingRequest) {
    const info = await this.service(ctx, request.service);
    const idCardHash = createHash('sha256').update(`${ctx.tenantId}:${request.idCard.toUpperCase()}`).digest('hex');
    try {
      return await this.db.transaction().execute(async (trx) => {
        // The capacity check and the increment are one statement, so concurrent bookings cannot overfill a slot.
        const slot = await trx
          .updateTable('demo_appointment_slots')
          .set((eb) => ({ booked: eb('booked', '+', 1) }))
          .where('tenant_id', '=', ctx.tenantId)
          .where('id', '=', request.slotId)
          .where('service_code', '=', request.service)
          .where((eb) => eb('booked', '<', eb.ref('capacity')))
          .returning(['day', 'start_time', 'end_time'])
          .executeTakeFirst();
        if (!slot) {
          const exists = await trx.selectFrom('demo_appointment_slots').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', request.slotId).where('service_code', '=', request.service).executeTakeFirst();
          throw exists ? new SelfServiceFailure('slot_full', '该时段已约满，请选择其他时段') : new SelfServiceFailure('slot_not_found', '该时段不存在，请重新选择');
        }
        if (slot.day <= chinaDay(ctx.now)) throw new SelfServiceFailure('invalid_date', '只能预约明天及以后的时段');
        // Slots made before a holiday arrangement was added to the calendar must not be bookable on the holiday.
        refuseClosedDay(this.calendar, slot.day);
        const referenceNumber = await nextReference(trx, ctx.tenantId, 'YY', ctx.now);
        await trx
          .insertInto('demo_appointments')
          .values({ tenant_id: ctx.tenantId, reference: referenceNumber, slot_id: request.slotId, name: request.name, id_card_hash: idCardHash, conversation_id: ctx.conversationId })
          .execute();
        return { referenceNumber, day: slot.day, startTime: slot.start_time, endTime: slot.end_time, location: info.location };
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505') throw new SelfServiceFailure('already_booked', '您已预约过该时段，无需重复预约');
      throw error;
    }
  }

  private async service(ctx: ConnectorContext, code: string) {
    const info = await this.db.selectFrom('demo_gov_services').select(['name', 'location']).where('tenant_id', '=', ctx.tenantId).where('code', '=', code).executeTakeFirst();
    if (!info) throw new SelfServiceFailure('service_not_found', '暂不支持预约该事项');
    return info;
  }
}

/** Throws `invalid_date` naming the holiday (or the weekend) when the hall is closed on `day`. */
function refuseClosedDay(calendar: ChinaWorkCalendar, day: string): void {
  if (calendar.isWorkingDay(day)) return;
  const closure = calendar.closureText(day);
  throw new SelfServiceFailure('invalid_date', closure ? `${closure}，不可预约，请选择其他工作日` : `${day} 是休息日，请选择工作日`);
}

/** Creates the day's slots of a service if they do not exist yet (idempotent). */
export async function ensureSlots(db: SelfServiceDb, tenantId: string, service: string, day: string): Promise<void> {
  await db
    .insertInto('demo_appointment_slots')
    .values(DAILY_WINDOWS.map((w) => ({ id: randomUUID(), tenant_id: tenantId, service_code: service, day, start_time: w.start, end_time: w.end, capacity: w.capacity })))
    .onConflict((oc) => oc.columns(['tenant_id', 'service_code', 'day', 'start_time']).doNothing())
    .execute();
}
