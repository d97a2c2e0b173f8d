import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../test-support/test-backends.js';
import { demoTryThis } from './demo/seed-demo-enterprise.js';
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
          f.actions.execute({ ...ctx }, { id: `race.${i}`, name: 'appointments.book', args: { service: 'household', slotId: slot.id, name: `市民${i}`, idCard: `11010119900307${String(i).padStart(3, '0')}X` } }),
        ),
      );
      const booked = outcomes.filter((o) => o.ok);
      expect(booked).toHaveLength(3);
      expect(outcomes.filter((o) => !o.ok && o.error.code === 'slot_full')).toHaveLength(17);
      const row = await f.db.selectFrom('demo_appointment_slots').select(['booked', 'capacity']).where('id', '=', slot.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ booked: 3, capacity: 3 });
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
      const stored = await f.db.selectFrom('demo_applications').select('applicant').where('reference', '=', String(request.applicationRef)).executeTakeFirstOrThrow();
      expect(stored.applicant).not.toContain(ID_CARDS[2]!.slice(6, 14));
    });
  });

  it('seeding twice changes nothing', async () => {
    const { seedDemoEnterprise } = await import('./demo/seed-demo-enterprise.js');
    const count = async () => (await f.db.selectFrom('demo_applications').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', f.tenants.government.id).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    await seedDemoEnterprise(f.handle.db, f.tenants.government.id, 'government', new Date('2026-11-25T02:00:00Z'));
    await seedDemoEnterprise(f.handle.db, f.tenants.ecommerce.id, 'ecommerce', new Date('2026-11-25T02:00:00Z'));
    expect(Number(await count())).toBe(before);
  });
});
