import { randomUUID } from 'node:crypto';
import { loadTemplate, type TicketCategory } from '@zhida/templates';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import type { TicketDatabase } from '../ticket-schema.js';
import { TicketClassifierRegistry } from './ticket-classifier-registry.js';
import { TicketClassifierTrainer, type TicketClassifierTrainingInput } from './ticket-classifier-trainer.js';

const backends = await testBackends();

/** The real worker trainer, counting its runs. */
class CountingTrainer extends TicketClassifierTrainer {
  runs: TicketClassifierTrainingInput[] = [];
  override train(input: TicketClassifierTrainingInput) {
    this.runs.push(input);
    return super.train(input);
  }
}

describe.each(backends)('TicketClassifierRegistry (%s)', (backend) => {
  let t: TestApp;
  let templateCategories: TicketCategory[];
  let shop: TestTenant;
  let bank: TestTenant;
  const db = () => t.app.zhida.database.db as unknown as Kysely<TicketDatabase>;

  const seedCategories = (tenant: TestTenant, categories: readonly TicketCategory[], inactive: readonly string[] = []) =>
    t.as(tenant, () =>
      db()
        .insertInto('ticket_categories')
        .values(
          categories.map((c, i) => ({
            id: randomUUID(),
            tenant_id: tenant.id,
            key: c.id,
            name: c.name.zh,
            examples: JSON.stringify(c.examples),
            default_priority: c.priority,
            position: i,
            active: !inactive.includes(c.id),
          })),
        )
        .execute(),
    );

  const addCorrections = (tenant: TestTenant, categoryKey: string, texts: readonly string[]) =>
    t.as(tenant, () =>
      db()
        .insertInto('ticket_training_examples')
        .values(texts.map((text) => ({ id: randomUUID(), tenant_id: tenant.id, category_key: categoryKey, text, ticket_id: null })))
        .execute(),
    );

  beforeAll(async () => {
    t = await TestApp.start(backend);
    templateCategories = (await loadTemplate('ecommerce')).ticketCategories;
    shop = await t.createTenant(`shop-${randomUUID().slice(0, 8)}`);
    bank = await t.createTenant(`bank-${randomUUID().slice(0, 8)}`);
    await seedCategories(shop, templateCategories, ['counterfeit_report']);
    await seedCategories(bank, (await loadTemplate('finance')).ticketCategories);
  });
  afterAll(() => t?.close());

  it('is the app service: trains from the tenant’s active categories and classifies its tickets', async () => {
    const classifier = t.app.zhida.ticketClassifier;
    const verdict = await t.as(shop, () => classifier.classify(shop.id, '快递显示已签收，但是我根本没有收到包裹，签收人也不认识'));
    expect(verdict).toMatchObject({ categoryKey: 'lost_parcel', needsTriage: false, priority: 'P1' });
    expect(verdict.confidence).toBeGreaterThan(0.5);
    // The inactive category is never named.
    const model = await classifier.model(shop.id);
    expect(model.categoryKeys).not.toContain('counterfeit_report');
    expect(model.categoryKeys).toHaveLength(templateCategories.length - 1);
  });

  it('keeps tenants apart: each is trained on its own categories only', async () => {
    const classifier = t.app.zhida.ticketClassifier;
    const [shopModel, bankModel] = await Promise.all([classifier.model(shop.id), classifier.model(bank.id)]);
    expect(bankModel.categoryKeys).toContain('fraud_case');
    expect(bankModel.categoryKeys).not.toContain('lost_parcel');
    expect(shopModel.categoryKeys).not.toContain('fraud_case');
    const verdict = await t.as(bank, () => classifier.classify(bank.id, '我的信用卡被盗刷了好几笔，卡一直在我身上，请马上冻结'));
    expect(verdict.categoryKey).toBe('fraud_case');
  });

  it('trains once for concurrent first calls, and again only after invalidate', async () => {
    const trainer = new CountingTrainer();
    const registry = new TicketClassifierRegistry(db(), trainer);
    try {
      const verdicts = await t.as(shop, () => Promise.all(Array.from({ length: 6 }, () => registry.classify(shop.id, '想开一张公司抬头的专票'))));
      expect(trainer.runs).toHaveLength(1);
      expect(new Set(verdicts.map((v) => v.categoryKey))).toEqual(new Set(['invoice']));
      await t.as(shop, () => registry.classify(shop.id, '订单地址写错了'));
      expect(trainer.runs).toHaveLength(1);

      t.as(shop, () => registry.invalidate(shop.id));
      await t.as(shop, () => registry.fresh(shop.id));
      expect(trainer.runs).toHaveLength(2);
      expect(trainer.runs[1]!.examples.length).toBe(trainer.runs[0]!.examples.length);
    } finally {
      await registry.close();
    }
  });

  it("learns from the tenant's agents' corrections after invalidate, and from no other tenant's", async () => {
    const registry = new TicketClassifierRegistry(db(), new TicketClassifierTrainer());
    try {
      const text = '保温杯盖子拧不紧，一倒就漏水';
      expect((await t.as(shop, () => registry.classify(shop.id, text))).categoryKey).toBe('quality_issue');
      await addCorrections(shop, 'return_exchange', ['保温杯盖子拧不紧漏水，给我退了吧', '杯盖漏水，申请退货', '保温杯一倒就漏水，盖子有问题']);
      // Cached until told.
      expect((await t.as(shop, () => registry.classify(shop.id, text))).categoryKey).toBe('quality_issue');
      t.as(shop, () => registry.invalidate(shop.id));
      await registry.fresh(shop.id);
      expect((await t.as(shop, () => registry.classify(shop.id, text))).categoryKey).toBe('return_exchange');

      // The bank's model never sees the shop's corrections.
      const bankModel = await registry.model(bank.id);
      expect(bankModel.categoryKeys).not.toContain('return_exchange');
    } finally {
      await registry.close();
    }
  });

  it('serves the previous model while retraining after invalidate, and coalesces repeated invalidations into one more run', async () => {
    let release!: () => void;
    let gate: Promise<void> | null = null;
    class GatedTrainer extends CountingTrainer {
      override async train(input: TicketClassifierTrainingInput) {
        this.runs.push(input);
        if (gate) await gate;
        return TicketClassifierTrainer.prototype.train.call(this, input);
      }
    }
    const trainer = new GatedTrainer();
    const registry = new TicketClassifierRegistry(db(), trainer);
    try {
      const text = '想开一张公司抬头的专票';
      const before = await t.as(shop, () => registry.model(shop.id));
      expect(trainer.runs).toHaveLength(1);

      gate = new Promise((resolve) => (release = resolve));
      t.as(shop, () => registry.invalidate(shop.id));
      // The retraining is held at the gate, yet tickets are classified at once, by the previous model.
      expect((await t.as(shop, () => registry.classify(shop.id, text))).categoryKey).toBe('invoice');
      expect(await registry.model(shop.id)).toBe(before);
      // Three more corrections while it trains: one more run after it, not three.
      for (let i = 0; i < 3; i++) t.as(shop, () => registry.invalidate(shop.id));
      gate = null;
      release();
      const after = await t.as(shop, () => registry.fresh(shop.id));
      expect(trainer.runs).toHaveLength(3);
      expect(after).not.toBe(before);
      expect(await registry.model(shop.id)).toBe(after);
      expect(after.classify(text).categoryKey).toBe('invoice');
    } finally {
      gate = null;
      release?.();
      await registry.close();
    }
  });

  it('sends every ticket of a tenant without categories to triage', async () => {
    const empty = await t.createTenant(`empty-${randomUUID().slice(0, 8)}`);
    const verdict = await t.as(empty, () => t.app.zhida.ticketClassifier.classify(empty.id, '我要退货'));
    expect(verdict).toMatchObject({ categoryKey: null, needsTriage: true, confidence: 0, priority: 'P3' });
  });
});
