import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantScope } from '../db/tenant-scope.js';
import { buildApp, type ZhidaApp } from '../app/build-app.js';
import { testConfig } from '../test-support/test-app.js';
import { dropTestSchema, testBackends } from '../test-support/test-backends.js';
import { randomUUID } from 'node:crypto';
import { demoTryThis } from '@zhida/demo-enterprise';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../test-support/demo-enterprise-service.js';
import { enterpriseConnectors } from './http/enterprise-connectors.js';
import { SelfServiceActions } from './self-service-actions.js';
import { MAX_UPLOAD_BYTES, selfserviceRoutes } from './selfservice-routes.js';
import { RecordingLogger, RecordingSms } from './test-support/selfservice-fixture.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image body')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

describe.each(await testBackends())('material uploads on %s', (backend) => {
  let app: ZhidaApp;
  let demo: RunningDemoEnterprise;
  let config: ReturnType<typeof testConfig>;
  let slug: string;
  let tenantId: string;

  beforeAll(async () => {
    // The application and its expected materials live in the demo government hall, reached over HTTP.
    demo = await startDemoEnterprise();
    config = testConfig(backend, { enterpriseBackend: demo.backend });
    app = await buildApp(config);
    // Until build-app registers the plugin itself, the test mounts it where build-app will.
    if (!app.hasRoute({ method: 'POST', url: '/api/v1/widget/conversations/:id/attachments' })) {
      await app.register(selfserviceRoutes, { prefix: '/api/v1', db: app.zhida.database.db });
    }
    await app.ready();
    slug = `ss-upload-${randomUUID().slice(0, 6)}`;
    const tenant = await app.zhida.tenants.create({ id: randomUUID(), slug, name: slug, industry: 'government' });
    tenantId = tenant.id;
  });
  afterAll(async () => {
    await app?.close();
    await demo?.stop();
    if (config?.databaseUrl) await dropTestSchema(config.databaseSchema);
  });

  /** A visitor with a conversation, made through the services (the widget route would also wake the bot). */
  async function visitor() {
    const made = await app.zhida.visitors.create(slug, {});
    const id = await TenantScope.asTenant(made.tenant.id, () => app.zhida.conversationRepo.create({ tenantId: made.tenant.id }, made.visitorId));
    return { id, visitorId: made.visitorId, headers: { authorization: `Bearer ${made.token}` } };
  }

  const upload = (v: { id: string; headers: Record<string, string> }, body: Record<string, unknown>, conversationId = v.id) =>
    app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${conversationId}/attachments`, headers: v.headers, payload: body });

  it('stores a PNG under a safe name and serves it back as a download that cannot run', async () => {
    const v = await visitor();
    const res = await upload(v, { filename: '../<script>身份证</script>正面.png', contentType: 'image/png', dataBase64: PNG.toString('base64') });
    expect(res.statusCode).toBe(201);
    const saved = res.json() as { id: string; filename: string; size: number };
    expect(saved).toMatchObject({ filename: '身份证正面.png', size: PNG.length });

    const download = await app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${v.id}/attachments/${saved.id}`, headers: v.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe('sandbox');
  });

  it('accepts a PDF larger than the global 1 MB body limit', async () => {
    const v = await visitor();
    const big = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    const res = await upload(v, { filename: '租房合同.pdf', contentType: 'application/pdf', dataBase64: big.toString('base64') });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a file over 5 MB with 413', async () => {
    const v = await visitor();
    const tooBig = Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES, 0x20)]);
    const res = await upload(v, { filename: 'big.pdf', contentType: 'application/pdf', dataBase64: tooBig.toString('base64') });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('judges the type by magic bytes, not by the declared type or the name', async () => {
    const v = await visitor();
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const disguised = await upload(v, { filename: 'photo.png', contentType: 'image/png', dataBase64: html.toString('base64') });
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const mislabelled = await upload(v, { filename: 'scan.pdf', contentType: 'application/pdf', dataBase64: PNG.toString('base64') });
    expect(mislabelled.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const gif = await upload(v, { filename: 'a.gif', contentType: 'image/gif', dataBase64: Buffer.from('GIF89a').toString('base64') });
    expect(gif.statusCode).toBe(415);
  });

  it('rejects broken base64 and unknown fields', async () => {
    const v = await visitor();
    expect((await upload(v, { filename: 'a.png', contentType: 'image/png', dataBase64: '***' })).statusCode).toBe(400);
    expect((await upload(v, { filename: 'a.png', contentType: 'image/png', dataBase64: PNG.toString('base64'), path: '/etc' })).statusCode).toBe(400);
  });

  it('answers 404 for another conversation’s attachment and conversation', async () => {
    const owner = await visitor();
    const other = await visitor();
    const saved = (await upload(owner, { filename: 'a.png', contentType: 'image/png', dataBase64: PNG.toString('base64') })).json() as { id: string };
    const viaOwnConversation = await app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${other.id}/attachments/${saved.id}`, headers: other.headers });
    expect(viaOwnConversation.statusCode).toBe(404);
    const viaOwnersConversation = await app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${owner.id}/attachments/${saved.id}`, headers: other.headers });
    expect(viaOwnersConversation.statusCode).toBe(404);
    expect((await upload(other, { filename: 'a.png', contentType: 'image/png', dataBase64: PNG.toString('base64') }, owner.id)).statusCode).toBe(404);
  });

  it('wants a visitor token', async () => {
    const v = await visitor();
    const res = await app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.id}/attachments`, payload: { filename: 'a.png', contentType: 'image/png', dataBase64: PNG.toString('base64') } });
    expect(res.statusCode).toBe(401);
  });

  it('files an upload under the application the conversation is collecting materials for', async () => {
    const v = await visitor();
    const actions = new SelfServiceActions({ db: app.zhida.database.db, sms: new RecordingSms(), log: new RecordingLogger(), connectors: enterpriseConnectors(demo.backend) });
    const ctx = { tenantId, conversationId: v.id, visitorId: v.visitorId, now: new Date() };
    const ref = demoTryThis.government.pendingMaterials;
    expect(await TenantScope.asTenant(tenantId, () => actions.execute(ctx, { id: 'a1.expect', name: 'materials.expect', args: { applicationRef: ref } }))).toMatchObject({ ok: true, data: { reviewDays: 5 } });
    const res = await upload(v, { filename: '租房合同.pdf', contentType: 'application/pdf', dataBase64: PDF.toString('base64') });
    expect(res.json()).toMatchObject({ applicationRef: ref });
    expect(await TenantScope.asTenant(tenantId, () => actions.execute(ctx, { id: 'a2.progress', name: 'applications.getProgress', args: { applicationRef: ref } }))).toMatchObject({ ok: true, data: { stage: '材料已提交，待审核' } });

    const unrelated = await visitor();
    expect((await upload(unrelated, { filename: 'a.png', contentType: 'image/png', dataBase64: PNG.toString('base64') })).json()).toMatchObject({ applicationRef: null });
  });
});
