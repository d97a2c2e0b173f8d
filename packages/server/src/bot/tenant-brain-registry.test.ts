import { NluModel } from '@zhida/nlu';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ModelTrainer } from '../nlu/model-trainer.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { TenantBrainRegistry } from './tenant-brain-registry.js';

describe('TenantBrainRegistry on a node that has not loaded the tenant yet', () => {
  let t: TestApp;
  let shop: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start('pglite', { logLevel: 'fatal' });
    shop = await t.createTenant('cold-brain');
    await t.addFaq(shop, '运费谁出？', '七天无理由退货的运费由买家承担。');
    await t.as(shop, () => t.app.zhida.brains.ensureTraining({ tenantId: shop.id }));
  }, 300_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.close();
  });

  it('builds the stored model once for turns that arrive together (a node restarted under load)', async () => {
    const { database, faqs, botConfigs } = t.app.zhida;
    // A second registry on the same database: what a freshly started node holds (nothing cached).
    const cold = new TenantBrainRegistry(database.db, faqs, botConfigs, new ModelTrainer(), t.app.log);
    const load = vi.spyOn(NluModel, 'load');
    const brains = await t.as(shop, () => Promise.all(Array.from({ length: 6 }, () => cold.get({ tenantId: shop.id }))));
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(brains).size).toBe(1);
    // Once built, it is served from memory.
    await t.as(shop, () => cold.get({ tenantId: shop.id }));
    expect(load).toHaveBeenCalledTimes(1);
    load.mockRestore();
  });

  it('warms, before a node listens, the models of tenants with a recent conversation and only those', async () => {
    const { database, faqs, botConfigs } = t.app.zhida;
    const load = vi.spyOn(NluModel, 'load');
    // A stored model but no conversation yet: nothing to warm.
    const idle = new TenantBrainRegistry(database.db, faqs, botConfigs, new ModelTrainer(), t.app.log);
    expect(await idle.warm({ withinMinutes: 15, limit: 20 })).toBe(0);
    expect(load).not.toHaveBeenCalled();

    await t.startVisitor(shop);
    load.mockClear();
    const restarted = new TenantBrainRegistry(database.db, faqs, botConfigs, new ModelTrainer(), t.app.log);
    expect(await restarted.warm({ withinMinutes: 15, limit: 20 })).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
    // The first visitor's turn finds the model built.
    await t.as(shop, () => restarted.get({ tenantId: shop.id }));
    expect(load).toHaveBeenCalledTimes(1);
    load.mockRestore();
  });
});
