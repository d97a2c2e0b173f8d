import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { NluModelStore } from './nlu-model-store.js';

const backends = await testBackends();

// A model with multi-byte text, so chunk edges fall inside characters.
const model = (label: string) => ({ engine: 9, label, vocabulary: Array.from({ length: 400 }, (_, i) => `退货运费${i}号`), weights: 'QUJD'.repeat(300) });

describe.each(backends)('NluModelStore (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let other: TestTenant;
  // Small chunks: the same paths as 256 KiB chunks of a real model, with a model of a few kilobytes.
  const store = () => new NluModelStore(t.app.zhida.database.db, 1000);
  const chunkRows = (tenant: TestTenant) =>
    t.system(() => t.app.zhida.database.db.selectFrom('nlu_model_chunks').select(['model_id', 'seq']).where('tenant_id', '=', tenant.id).orderBy('seq').execute());

  beforeAll(async () => {
    t = await TestApp.start(backend, { logLevel: 'fatal' });
    shop = await t.createTenant(`model-store-${backend}`);
    other = await t.createTenant(`model-store-other-${backend}`);
  }, 120_000);
  afterAll(() => t?.close());

  it('gives back the model it stored, cut into chunks, with a manifest that names the engine', async () => {
    const first = model('first');
    expect(await t.as(shop, () => store().save({ tenantId: shop.id }, { dataVersion: 2, model: first, trainMs: 5 }))).toBe(true);
    const header = await t.as(shop, () => store().header({ tenantId: shop.id }));
    expect(header?.dataVersion).toBe(2);
    expect(header?.manifest.engine).toBe(9);
    expect(header?.manifest.chunks).toBe(Math.ceil(Buffer.byteLength(JSON.stringify(first)) / 1000));
    expect(header!.manifest.chunks).toBeGreaterThan(5);
    expect((await chunkRows(shop)).length).toBe(header!.manifest.chunks);
    expect(await t.as(shop, () => store().load({ tenantId: shop.id }))).toEqual({ dataVersion: 2, model: first });
  });

  it('replaces the model and its chunks with one trained on newer data, never with one trained on older', async () => {
    const newer = model('newer');
    expect(await t.as(shop, () => store().save({ tenantId: shop.id }, { dataVersion: 3, model: newer, trainMs: 5 }))).toBe(true);
    const header = await t.as(shop, () => store().header({ tenantId: shop.id }));
    // The old model's chunks are gone; only the new one's remain.
    expect(new Set((await chunkRows(shop)).map((c) => c.model_id))).toEqual(new Set([header!.manifest.id]));

    expect(await t.as(shop, () => store().save({ tenantId: shop.id }, { dataVersion: 1, model: model('stale'), trainMs: 5 }))).toBe(false);
    expect(await t.as(shop, () => store().load({ tenantId: shop.id }))).toEqual({ dataVersion: 3, model: newer });
    expect(new Set((await chunkRows(shop)).map((c) => c.model_id))).toEqual(new Set([header!.manifest.id]));
  });

  it('reads the newer model when one is stored between the manifest and the chunks (another node)', async () => {
    const reader = store();
    const db = t.app.zhida.database.db;
    let raced = false;
    const header = reader.header.bind(reader);
    reader.header = async (ctx) => {
      const read = await header(ctx);
      if (!raced) {
        raced = true;
        await new NluModelStore(db, 1000).save(ctx, { dataVersion: 4, model: model('raced'), trainMs: 5 });
      }
      return read;
    };
    expect(await t.as(shop, () => reader.load({ tenantId: shop.id }))).toEqual({ dataVersion: 4, model: model('raced') });
  });

  it("shows no tenant another tenant's model", async () => {
    expect(await t.as(other, () => store().load({ tenantId: shop.id }))).toBeNull();
    expect(await t.as(other, () => store().load({ tenantId: other.id }))).toBeNull();
  });
});
