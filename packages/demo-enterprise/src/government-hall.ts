import { createHash, randomUUID } from 'node:crypto';
import { BusinessRefusal } from './business-refusal.js';
import { addDays, chinaDay } from './china-day.js';
import { chinaWorkCalendar, isCalendarDay, type ChinaWorkCalendar } from '@zhida/china-calendar';
import type { GovServiceRecord, SlotRecord } from './enterprise-books.js';
import type { EnterpriseStore } from './enterprise-store.js';

/** The daily counter schedule of every service: four one-hour windows. */
const DAILY_WINDOWS = [
  { start: '09:00', end: '10:00', capacity: 3 },
  { start: '10:00', end: '11:00', capacity: 3 },
  { start: '14:00', end: '15:00', capacity: 3 },
  { start: '15:30', end: '16:30', capacity: 2 },
] as const;

const BOOKING_HORIZON_WORKING_DAYS = 10;

const CERTIFICATES: Record<string, { name: string; days: number; materials: string[] }> = {
  no_criminal_record: { name: '无犯罪记录证明', days: 5, materials: ['身份证正反面'] },
  residence: { name: '居住证明', days: 3, materials: ['身份证正反面', '租房合同或房产证'] },
  household: { name: '户籍证明', days: 2, materials: ['身份证正反面', '户口簿本人页'] },
};

/** Who asks through Zhida: the conversation, and the verified customer behind it (null when anonymous). */
export interface Asker {
  conversationId: string;
  customerId: string | null;
}

/**
 * The demo government service centre: counter appointments on the China work calendar (no slots on
 * public holidays, slots on 调休 weekends), applications and certificate requests, and materials
 * uploaded in a chat for an application.
 */
export class GovernmentHall {
  constructor(
    private readonly store: EnterpriseStore,
    private readonly now: () => Date,
    private readonly calendar: ChinaWorkCalendar = chinaWorkCalendar,
  ) {}

  listSlots(tenant: string, serviceCode: string, day: string) {
    const service = this.service(tenant, serviceCode);
    if (!isCalendarDay(day)) throw new BusinessRefusal('invalid_date', `${day} 不是有效日期，请重新选择`, 422);
    const today = chinaDay(this.now());
    const bookable = this.calendar.nextWorkingDays(today, BOOKING_HORIZON_WORKING_DAYS);
    // A future holiday is named, even beyond the horizon: "国庆节放假" tells the customer more than "outside the window".
    if (day > today) this.refuseClosedDay(day);
    if (!bookable.includes(day)) throw new BusinessRefusal('invalid_date', `只能预约 ${bookable[0]} 至 ${bookable.at(-1)} 之间的工作日`, 422);
    const slots = this.openDay(tenant, serviceCode, day)
      .filter((s) => s.booked < s.capacity)
      .map((s) => ({ id: s.id, day: s.day, startTime: s.startTime, endTime: s.endTime, remaining: s.capacity - s.booked }));
    return { serviceName: service.name, location: service.location, slots };
  }

  book(tenant: string, request: { service: string; slotId: string; name: string; idCard: string } & Asker) {
    const service = this.service(tenant, request.service);
    const books = this.store.books(tenant);
    const slot = books.slots[request.slotId];
    if (!slot || slot.serviceCode !== request.service) throw new BusinessRefusal('slot_not_found', '该时段不存在，请重新选择', 404);
    if (slot.day <= chinaDay(this.now())) throw new BusinessRefusal('invalid_date', '只能预约明天及以后的时段', 422);
    // Slots opened before a holiday arrangement was known must not be bookable on the holiday.
    this.refuseClosedDay(slot.day);
    const idCardHash = createHash('sha256').update(`${tenant}:${request.idCard.toUpperCase()}`).digest('hex');
    if (books.appointments.some((a) => a.slotId === slot.id && a.idCardHash === idCardHash)) throw new BusinessRefusal('already_booked', '您已预约过该时段，无需重复预约', 409);
    if (slot.booked >= slot.capacity) throw new BusinessRefusal('slot_full', '该时段已约满，请选择其他时段', 409);
    slot.booked += 1;
    const referenceNumber = this.store.nextReference(tenant, 'YY');
    books.appointments.push({ reference: referenceNumber, slotId: slot.id, name: request.name, idCardHash, conversationId: request.conversationId, customerId: request.customerId, createdAt: this.now().toISOString() });
    return { referenceNumber, day: slot.day, startTime: slot.startTime, endTime: slot.endTime, location: service.location };
  }

  progress(tenant: string, applicationRef: string) {
    const application = this.store.books(tenant).applications[applicationRef.toUpperCase()];
    if (!application) throw new BusinessRefusal('application_not_found', '没有查到该申请编号', 404);
    return { applicationRef: application.reference, serviceName: application.serviceName, stage: application.stage, detail: application.detail, expectedDate: application.expectedDate };
  }

  requestCertificate(tenant: string, request: { type: string; idCard: string } & Asker) {
    const certificate = CERTIFICATES[request.type];
    if (!certificate) throw new BusinessRefusal('unknown_certificate', '暂不支持在线申请该证明', 422);
    const applicationRef = this.store.nextReference(tenant, 'SQ');
    const now = this.now();
    this.store.books(tenant).applications[applicationRef] = {
      reference: applicationRef,
      serviceName: certificate.name,
      applicant: `${request.idCard.slice(0, 6)}********${request.idCard.slice(-4)}`,
      stage: '已受理',
      detail: '申请已提交，等待材料上传与审核',
      expectedDate: addDays(chinaDay(now), certificate.days),
      requiredMaterials: [...certificate.materials],
      awaitingMaterials: true,
      reviewDays: certificate.days,
      customerId: request.customerId,
      conversationId: request.conversationId,
      createdAt: now.toISOString(),
    };
    return { applicationRef, expectedDays: certificate.days };
  }

  /** The conversation will upload materials for the application: its next file is filed there. */
  expectMaterials(tenant: string, applicationRef: string, asker: Asker) {
    const books = this.store.books(tenant);
    const application = books.applications[applicationRef.toUpperCase()];
    if (!application) throw new BusinessRefusal('application_not_found', '没有查到该申请编号', 404);
    application.awaitingMaterials = true;
    application.customerId ??= asker.customerId;
    books.materialExpectations.push({ applicationRef: application.reference, conversationId: asker.conversationId, customerId: asker.customerId, createdAt: this.now().toISOString() });
    return { requiredMaterials: [...application.requiredMaterials], reviewDays: application.reviewDays };
  }

  /** A file arrived in a conversation: filed under the application it last asked about, if any. */
  materialReceived(tenant: string, file: { conversationId: string; attachmentId: string; filename: string }) {
    const books = this.store.books(tenant);
    const expected = books.materialExpectations.filter((e) => e.conversationId === file.conversationId).at(-1);
    const application = expected ? books.applications[expected.applicationRef] : undefined;
    if (!application) throw new BusinessRefusal('no_application_waiting', '该会话没有等待材料的申请', 404);
    Object.assign(application, { stage: '材料已提交，待审核', detail: `已收到材料「${file.filename}」，工作人员将尽快审核`, awaitingMaterials: false, requiredMaterials: [] });
    return { applicationRef: application.reference };
  }

  private service(tenant: string, code: string): GovServiceRecord {
    const service = this.store.books(tenant).govServices.find((s) => s.code === code);
    if (!service) throw new BusinessRefusal('service_not_found', '暂不支持预约该事项', 404);
    return service;
  }

  /** The day's slots of a service, opened on first use. */
  private openDay(tenant: string, serviceCode: string, day: string): SlotRecord[] {
    const slots = this.store.books(tenant).slots;
    const existing = Object.values(slots).filter((s) => s.serviceCode === serviceCode && s.day === day);
    if (existing.length > 0) return existing.sort((a, b) => a.startTime.localeCompare(b.startTime));
    const opened = DAILY_WINDOWS.map((w) => ({ id: randomUUID(), serviceCode, day, startTime: w.start, endTime: w.end, capacity: w.capacity, booked: 0 }));
    for (const slot of opened) slots[slot.id] = slot;
    return opened;
  }

  private refuseClosedDay(day: string): void {
    if (this.calendar.isWorkingDay(day)) return;
    const closure = this.calendar.closureText(day);
    throw new BusinessRefusal('invalid_date', closure ? `${closure}，不可预约，请选择其他工作日` : `${day} 是休息日，请选择工作日`, 422);
  }
}
