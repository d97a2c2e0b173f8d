import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoTryThis } from './enterprise-books.js';
import { EnterpriseStore } from './enterprise-store.js';

const DAY = 86_400_000;

describe('books kept in a file across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-enterprise-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('moves the seeded orders forward on a later start, so the returnable order stays returnable, and keeps what customers did', async () => {
    const file = join(dir, 'books.json');
    const filed = new Date('2026-11-25T02:00:00Z');
    const first = await EnterpriseStore.open(file, () => filed);
    const books = first.books('shop');
    const delivered = Date.parse(books.orders[demoTryThis.ecommerce.returnable]!.deliveredAt!);
    expect(Math.round((filed.getTime() - delivered) / DAY)).toBe(3);
    books.afterSales.push({ reference: 'RMA202611250001', orderNo: demoTryThis.ecommerce.cosmetics, kind: 'return', reason: '不想要了', method: 'dropoff', newSpec: null, status: 'submitted', createdAt: filed.toISOString() });
    await first.save();

    const monthLater = new Date(filed.getTime() + 30 * DAY);
    const second = await EnterpriseStore.open(file, () => monthLater);
    const again = second.books('shop');
    const order = again.orders[demoTryThis.ecommerce.returnable]!;
    expect(Math.round((monthLater.getTime() - Date.parse(order.deliveredAt!)) / DAY)).toBe(3);
    expect(order.events.at(-1)!.at.slice(0, 10)).toBe('2026-12-22');
    // Saved and started again the same day: nothing moves twice.
    await second.save();
    const third = (await EnterpriseStore.open(file, () => monthLater)).books('shop');
    expect(third.orders[demoTryThis.ecommerce.returnable]!.deliveredAt).toBe(order.deliveredAt);
    expect(again.afterSales.map((r) => [r.reference, r.createdAt])).toEqual([['RMA202611250001', filed.toISOString()]]);
  });
});
