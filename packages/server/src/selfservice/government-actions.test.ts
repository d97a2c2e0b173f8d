import { randomUUID } from 'node:crypto';
import { demoTryThis } from '@zhida/demo-enterprise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../test-support/test-backends.js';
import { SelfServiceFixture } from './test-support/selfservice-fixture.js';

// Well-formed mainland id numbers, made up for tests.
const ID_CARDS = ['11010519491231002X', '440524188001010014', '110101199003077894'];
const gov = demoTryThis.government;

describe.each(await testBackends())('government self-service on %s', (backend) => {
  let f: SelfServiceFixture;
  beforeAll(async () => {
    f = await SelfServiceFixture.start(backend);
  });
  afterAll(async () => {
    await f?.close();
  });

  describe('appointment booking', () => {
    it('lists the free slots of a working day and books one with a YY reference', async () => {
      const ctx = await f.conversation('government');
      const list = await f.ok(ctx, 'appointments.listSlots', { service: 'social_security', date: '2026-11-27' });
      const slots = list.slots as { id: string; label: string }[];
      expect(list.serviceName).toBe('社保卡补办');
      expect(slots.map((s) => s.label)).toEqual(['09:00–10:00（余 3 个）', '10:00–11:00（余 3 个）', '14:00–15:00（余 3 个）', '15:30–16:30（余 2 个）']);
      const booking = await f.ok(ctx, 'appointments.book', { service: 'social_security', date: '2026-11-27', slotId: slots[0]!.id, name: '王小明', idCard: ID_CARDS[0] });
      expect(booking).toMatchObject({ time: '2026-11-27 09:00–10:00', location: expect.stringContaining('B 区 12 号窗口') });
      expect(booking.referenceNumber).toMatch(/^YY20261125\d{4}$/);
      const after = await f.ok(ctx, 'appointments.listSlots', { service: 'social_security', date: '2026-11-27' });
      expect((after.slots as { label: string }[])[0]!.label).toBe('09:00–10:00（余 2 个）');
      expect(await f.failCode(ctx, 'appointments.book', { service: 'social_security', slotId: slots[0]!.id, name: '王小明', idCard: ID_CARDS[0] })).toBe('already_booked');
    });

    it('gives exactly three of twenty concurrent bookings of a three-person slot', async () => {
      const ctx = await f.conversation('government');
      const list = await f.ok(ctx, 'appointments.listSlots', { service: 'household', date: '2026-12-01' });
      const slot = (list.slots as { id: string }[])[0]!;
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          f.as(ctx, () => f.actions.execute({ ...ctx }, { id: `race.${i}`, name: 'appointments.book', args: { service: 'household', slotId: slot.id, name: `市民${i}`, idCard: `11010119900307${String(i).padStart(3, '0')}X` } })),
        ),
      );
      const booked = outcomes.filter((o) => o.ok);
      expect(booked).toHaveLength(3);
      expect(outcomes.filter((o) => !o.ok && o.error.code === 'slot_full')).toHaveLength(17);
      expect(f.books(ctx).slots[slot.id]).toMatchObject({ booked: 3, capacity: 3 });
      const references = new Set(booked.map((o) => (o.ok ? o.data.referenceNumber : null)));
      expect(references.size).toBe(3);
    });

    it('refuses weekends, past days and days beyond the booking horizon', async () => {
      const ctx = await f.conversation('government');
      expect(await f.failCode(ctx, 'appointments.listSlots', { service: 'household', date: '2026-11-28' })).toBe('invalid_date');
      expect(await f.failCode(ctx, 'appointments.listSlots', { service: 'household', date: '2026-11-24' })).toBe('invalid_date');
      expect(await f.failCode(ctx, 'appointments.listSlots', { service: 'household', date: '2027-01-15' })).toBe('invalid_date');
      expect(await f.failCode(ctx, 'appointments.listSlots', { service: 'passport', date: '2026-11-27' })).toBe('service_not_found');
      expect(await f.failCode(ctx, 'appointments.book', { service: 'household', slotId: randomUUID(), name: '王小明', idCard: ID_CARDS[1] })).toBe('slot_not_found');
    });
  });

  describe('public holidays and 调休 working days', () => {
    // Thursday 2026-09-17, 10:00 CST: the next ten working days run over 中秋节, a 调休 Sunday and into 国庆节.
    const beforeGoldenWeek = new Date('2026-09-17T02:00:00Z');
    const refusal = async (ctx: Awaited<ReturnType<SelfServiceFixture['conversation']>>, name: string, args: Record<string, unknown>) => {
      const outcome = await f.run(ctx, name, args);
      if (outcome.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(outcome.data)}`);
      return outcome.error;
    };

    it('refuses a public holiday by name and lists slots on a 调休 Sunday', async () => {
      const ctx = await f.conversation('government', beforeGoldenWeek);
      expect(await refusal(ctx, 'appointments.listSlots', { service: 'household', date: '2026-10-01' })).toEqual({ code: 'invalid_date', message: '10月1日至7日国庆节放假，不可预约，请选择其他工作日' });
      expect(await refusal(ctx, 'appointments.listSlots', { service: 'household', date: '2026-09-25' })).toEqual({ code: 'invalid_date', message: '9月25日至27日中秋节放假，不可预约，请选择其他工作日' });
      expect(await refusal(ctx, 'appointments.listSlots', { service: 'household', date: '2026-09-19' })).toEqual({ code: 'invalid_date', message: '2026-09-19 是休息日，请选择工作日' });
      expect(await refusal(ctx, 'appointments.listSlots', { service: 'household', date: '2026-09-31' })).toEqual({ code: 'invalid_date', message: '2026-09-31 不是有效日期，请重新选择' });
      const sunday = await f.ok(ctx, 'appointments.listSlots', { service: 'household', date: '2026-09-20' });
      expect((sunday.slots as unknown[]).length).toBe(4);
      const booking = await f.ok(ctx, 'appointments.book', { service: 'household', date: '2026-09-20', slotId: (sunday.slots as { id: string }[])[0]!.id, name: '赵敏', idCard: ID_CARDS[1] });
      expect(booking.time).toBe('2026-09-20 09:00–10:00');
    });

    it('counts the booking horizon in working days, skipping the holidays', async () => {
      const ctx = await f.conversation('government', beforeGoldenWeek);
      expect(await f.ok(ctx, 'appointments.listSlots', { service: 'tax', date: '2026-10-08' })).toMatchObject({ date: '2026-10-08' });
      expect(await refusal(ctx, 'appointments.listSlots', { service: 'tax', date: '2026-10-09' })).toEqual({ code: 'invalid_date', message: '只能预约 2026-09-18 至 2026-10-08 之间的工作日' });
      const later = await f.conversation('government', new Date('2026-09-30T02:00:00Z'));
      expect((await f.ok(later, 'appointments.listSlots', { service: 'tax', date: '2026-10-10' })).slots).toHaveLength(4);
    });

    it('opens slots on 调休 days and none on the holiday', async () => {
      const ctx = await f.conversation('government', new Date('2026-09-29T02:00:00Z'));
      const open: string[] = [];
      for (let d = Date.parse('2026-09-30'); d <= Date.parse('2026-10-14'); d += 86_400_000) {
        const date = new Date(d).toISOString().slice(0, 10);
        if ((await f.run(ctx, 'appointments.listSlots', { service: 'tax', date })).ok) open.push(date);
      }
      expect(open).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13', '2026-10-14']);
    });

    it('will not book a slot that lies on a holiday even if one exists', async () => {
      const ctx = await f.conversation('government', beforeGoldenWeek);
      const slotId = randomUUID();
      // A slot the hall opened before the arrangement was published.
      f.books(ctx).slots[slotId] = { id: slotId, serviceCode: 'id_card', day: '2026-10-02', startTime: '09:00', endTime: '10:00', capacity: 3, booked: 0 };
      expect(await refusal(ctx, 'appointments.book', { service: 'id_card', slotId, name: '赵敏', idCard: ID_CARDS[2] })).toEqual({ code: 'invalid_date', message: '10月1日至7日国庆节放假，不可预约，请选择其他工作日' });
      expect(f.books(ctx).slots[slotId]!.booked).toBe(0);
    });

    it('falls back to Monday–Friday in a year without a published arrangement', async () => {
      // 2027-10-01 is a Friday; with no 2027 arrangement in the calendar it is an ordinary working day.
      const ctx = await f.conversation('government', new Date('2027-09-28T02:00:00Z'));
      expect((await f.ok(ctx, 'appointments.listSlots', { service: 'tax', date: '2027-10-01' })).slots).toHaveLength(4);
      expect(await refusal(ctx, 'appointments.listSlots', { service: 'tax', date: '2027-10-02' })).toEqual({ code: 'invalid_date', message: '2027-10-02 是休息日，请选择工作日' });
    });
  });

  describe('applications', () => {
    it('tells the progress of an application by its reference', async () => {
      const ctx = await f.conversation('government');
      expect(await f.ok(ctx, 'applications.getProgress', { applicationRef: gov.inReview.toLowerCase() })).toMatchObject({ serviceName: '社保卡补办', stage: '制卡中', expectedDate: '2026-11-29' });
      expect(await f.failCode(ctx, 'applications.getProgress', { applicationRef: 'SQ20990101000' })).toBe('application_not_found');
    });

    it('lists the materials an application still needs', async () => {
      const ctx = await f.conversation('government');
      expect(await f.ok(ctx, 'materials.expect', { applicationRef: gov.pendingMaterials })).toMatchObject({ requiredMaterials: '房屋租赁合同（已备案）、近期免冠照片', reviewDays: 5 });
      expect(await f.ok(ctx, 'materials.expect', { applicationRef: gov.finished })).toMatchObject({ requiredMaterials: '' });
    });

    it('accepts a certificate request whose reference the progress query then finds', async () => {
      const ctx = await f.conversation('government');
      const request = await f.ok(ctx, 'certificates.request', { type: 'no_criminal_record', idCard: ID_CARDS[2] });
      expect(request).toMatchObject({ expectedDays: 5 });
      expect(request.applicationRef).toMatch(/^SQ20261125\d{4}$/);
      expect(await f.ok(ctx, 'applications.getProgress', { applicationRef: request.applicationRef })).toMatchObject({ serviceName: '无犯罪记录证明', stage: '已受理' });
      expect(f.books(ctx).applications[String(request.applicationRef)]!.applicant).not.toContain(ID_CARDS[2]!.slice(6, 14));
    });
  });
});
