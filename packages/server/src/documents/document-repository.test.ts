import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import type { DocumentImport } from './document-repository.js';

const backends = await testBackends();

const importOf = (text: string, documentId: string | null = null): DocumentImport => {
  const data = Buffer.from(text);
  return {
    documentId,
    title: '售后服务手册',
    sourceKind: 'upload',
    sourceName: '售后服务手册.md',
    sourceUrl: null,
    mime: 'text/markdown',
    sha256: createHash('sha256').update(data).digest('hex'),
    data,
    pages: null,
    passages: text.split('\n\n').map((t, i) => ({ headingPath: ['第三章 退换货', `3.${i + 1}`], text: t, anchor: `s-${i}` })),
    importedBy: null,
  };
};

describe.each(backends)('document storage and the passage port (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await t.createTenant('docs-repo-shop');
    other = await t.createTenant('docs-repo-other');
  });
  afterAll(() => t.close());

  it('stores a document with its passages and lists them for the answer side, in reading order', async () => {
    const { repository } = t.app.zhida.documents;
    const saved = await t.as(shop, () => repository.saveImport({ tenantId: shop.id }, importOf('运费由卖家承担。\n\n七天无理由退货。')));
    expect(saved).toMatchObject({ version: 1, changed: true });
    const passages = await t.as(shop, () => t.app.zhida.documents.passages.listEnabledPassages({ tenantId: shop.id }));
    expect(passages.map((p) => [p.documentTitle, p.headingPath, p.text])).toEqual([
      ['售后服务手册', ['第三章 退换货', '3.1'], '运费由卖家承担。'],
      ['售后服务手册', ['第三章 退换货', '3.2'], '七天无理由退货。'],
    ]);
    expect(await t.as(other, () => t.app.zhida.documents.passages.listEnabledPassages({ tenantId: other.id }))).toEqual([]);
  });

  it('keeps the version when the content is unchanged and replaces the passages when it changed', async () => {
    const { repository } = t.app.zhida.documents;
    const ctx = { tenantId: shop.id };
    const first = await t.as(shop, () => repository.saveImport(ctx, importOf('旧的规则。')));
    const same = await t.as(shop, () => repository.saveImport(ctx, importOf('旧的规则。', first.documentId)));
    expect(same).toEqual({ documentId: first.documentId, version: 1, changed: false });
    const next = await t.as(shop, () => repository.saveImport(ctx, importOf('新的规则。\n\n另一条。', first.documentId)));
    expect(next).toEqual({ documentId: first.documentId, version: 2, changed: true });
    const passages = await t.as(shop, () => repository.passages(ctx, first.documentId));
    expect(passages.map((p) => [p.version, p.text])).toEqual([[2, '新的规则。'], [2, '另一条。']]);
    const versions = await t.as(shop, () => repository.versions(ctx, first.documentId));
    expect(versions.map((v) => [v.version, v.passages])).toEqual([[2, 2], [1, 1]]);
  });

  it('records a use only for a passage of the caller’s own tenant, and leaves disabled passages out of the port', async () => {
    const { repository, passages: port } = t.app.zhida.documents;
    const ctx = { tenantId: shop.id };
    const doc = await t.as(shop, () => repository.saveImport(ctx, importOf('发票在签收后开具。\n\n电子发票发到邮箱。')));
    const [first, second] = await t.as(shop, () => repository.passages(ctx, doc.documentId));
    await t.as(shop, () => port.recordUse(ctx, { passageId: first!.id, channel: 'bot' }));
    await t.as(other, () => port.recordUse({ tenantId: other.id }, { passageId: first!.id, channel: 'assist' }));
    const uses = await t.as(shop, () => repository.uses(ctx, doc.documentId, 10));
    expect(uses.map((u) => [u.channel, u.text])).toEqual([['bot', '发票在签收后开具。']]);

    await t.as(shop, () => repository.setPassageEnabled(ctx, doc.documentId, second!.id, false));
    const enabled = await t.as(shop, () => port.listEnabledPassages(ctx));
    expect(enabled.map((p) => p.passageId)).toContain(first!.id);
    expect(enabled.map((p) => p.passageId)).not.toContain(second!.id);

    await t.as(shop, () => repository.delete(ctx, doc.documentId));
    expect((await t.as(shop, () => port.listEnabledPassages(ctx))).map((p) => p.documentId)).not.toContain(doc.documentId);
  });
});
