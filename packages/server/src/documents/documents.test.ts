import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { documentDatabase } from './document-schema.js';
import { encryptedPdf, joinedPdf, manualPdf, scannedPdf } from './test-support/sample-files.js';
import { multipartBody } from './test-support/multipart-body.js';

const backends = await testBackends();

const MANUAL_V1 = '# 售后服务手册\n\n## 第三章 退换货\n\n签收后七天内可申请无理由退货。\n\n### 3.2 运费\n\n质量问题的退货运费由卖家承担。\n';
const MANUAL_V2 = '# 售后服务手册\n\n## 第三章 退换货\n\n签收后十五天内可申请无理由退货。\n\n### 3.2 运费\n\n质量问题的退货运费由卖家承担。\n\n### 3.3 退款\n\n退款三个工作日内原路退回。\n';

interface DocumentBody {
  id: string;
  title: string;
  currentVersion: number;
  passages: number;
  disabledPassages: number;
  uses: number;
  viewUrl: string;
  sourceKind: string;
  sourceName: string;
  sourceUrl: string | null;
}
interface PassageBody {
  id: string;
  headingPath: string[];
  text: string;
  anchor: string;
  enabled: boolean;
}

/** A small site: a manual, a page robots.txt forbids, a redirect off the allowed host, and a large file. */
function startSite(): Promise<{ server: Server; origin: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const send = (status: number, type: string, body: string | Buffer) => res.writeHead(status, { 'content-type': type }).end(body);
    switch (req.url) {
      case '/robots.txt':
        // ZhidaBot's own group is the one it obeys (RFC 9309 §2.2.1), not the wildcard's.
        return send(200, 'text/plain', 'User-agent: *\nDisallow: /\n\nUser-agent: ZhidaBot\nDisallow: /internal/\nAllow: /help/\n');
      case '/help/manual.md':
        return send(200, 'text/markdown; charset=utf-8', MANUAL_V1);
      case '/help/page.html':
        return send(200, 'text/html; charset=utf-8', '<html><head><title>发票说明</title></head><body><nav>导航</nav><h2>开票时间</h2><p>确认收货后二十四小时内开具电子发票。</p></body></html>');
      case '/help/moved':
        return res.writeHead(302, { location: '/help/manual.md' }).end();
      case '/help/elsewhere':
        return res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/help/manual.md` }).end();
      case '/internal/policy.md':
      case '/private/policy.md':
        return send(200, 'text/markdown', '# 内部\n\n不应被抓取。');
      case '/help/huge.txt':
        return send(200, 'text/plain', Buffer.alloc(21 * 1024 * 1024, 'a'));
      default:
        return send(404, 'text/plain', 'not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits })));
}

describe.each(backends)('documents: import, versions, passages, view (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let admin: StaffSession;
  let agent: StaffSession;
  let site: Awaited<ReturnType<typeof startSite>>;
  const changed: string[] = [];

  beforeAll(async () => {
    // URL imports go to a local test site: private addresses are allowed here as on an on-premise install.
    t = await TestApp.start(backend, { webhookAllowPrivate: true });
    shop = await t.createTenant('docs-shop');
    admin = await t.login(shop, 'admin');
    agent = await t.login(shop, 'agent');
    site = await startSite();
    t.app.zhida.events.on('documents.changed', (e) => changed.push(e.tenantId));
  }, 120_000);
  afterAll(async () => {
    site.server.close();
    await t.close();
  });

  const upload = (name: string, type: string, data: Buffer | string, fields: Record<string, string> = {}, url = '/api/v1/documents', session = admin) => {
    const body = multipartBody({ name, type, data: Buffer.from(data) }, fields);
    return t.app.inject({ method: 'POST', url, headers: { ...session.headers, ...body.headers }, payload: body.payload });
  };
  const detail = async (id: string) => {
    const res = await t.app.inject({ url: `/api/v1/documents/${id}`, headers: agent.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as DocumentBody & { passageList: PassageBody[] };
  };
  const documentCount = () => t.as(shop, async () => (await documentDatabase(t.app.zhida.database.db).selectFrom('documents').select('id').where('tenant_id', '=', shop.id).execute()).length);

  describe('upload and re-import', () => {
    let documentId = '';

    it('imports an uploaded Markdown file into passages with heading paths, readable by an agent', async () => {
      const before = changed.length;
      const res = await upload('售后服务手册.md', 'text/markdown', MANUAL_V1);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json() as { changed: boolean; version: number; document: DocumentBody };
      expect(body).toMatchObject({ changed: true, version: 1, document: { title: '售后服务手册', sourceKind: 'upload', sourceName: '售后服务手册.md', currentVersion: 1, passages: 2 } });
      documentId = body.document.id;
      expect(changed.length).toBe(before + 1);

      const doc = await detail(documentId);
      expect(doc.passageList.map((p) => [p.headingPath, p.text, p.anchor])).toEqual([
        [['第三章 退换货'], '签收后七天内可申请无理由退货。', '第三章-退换货'],
        [['第三章 退换货', '3.2 运费'], '质量问题的退货运费由卖家承担。', '3-2-运费'],
      ]);
      const list = await t.app.inject({ url: '/api/v1/documents', headers: agent.headers });
      expect(list.json().items.map((d: DocumentBody) => d.id)).toContain(documentId);
    });

    it('keeps the version when the same file comes again, and adds one that replaces the passages when it changed', async () => {
      const same = await upload('售后服务手册.md', 'text/markdown', MANUAL_V1, {}, `/api/v1/documents/${documentId}/versions`);
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json()).toMatchObject({ changed: false, version: 1 });

      const next = await upload('售后服务手册-2026.md', 'text/markdown', MANUAL_V2, {}, `/api/v1/documents/${documentId}/versions`);
      expect(next.json()).toMatchObject({ changed: true, version: 2, document: { currentVersion: 2, passages: 3, sourceName: '售后服务手册-2026.md' } });
      const doc = await detail(documentId);
      expect(doc.passageList.map((p) => p.text)).toEqual(['签收后十五天内可申请无理由退货。', '质量问题的退货运费由卖家承担。', '退款三个工作日内原路退回。']);

      const versions = await t.app.inject({ url: `/api/v1/documents/${documentId}/versions`, headers: agent.headers });
      expect(versions.json().items.map((v: { version: number; passages: number; importedByName: string | null }) => [v.version, v.passages, v.importedByName])).toEqual([
        [2, 3, `admin of ${shop.slug}`],
        [1, 2, `admin of ${shop.slug}`],
      ]);
      // The first version's original file is kept.
      const original = await t.app.inject({ url: `/api/v1/documents/${documentId}/versions/1/file`, headers: agent.headers });
      expect(original.statusCode).toBe(200);
      expect(original.body).toBe(MANUAL_V1);
      expect(original.headers['content-disposition']).toMatch(/^attachment/);
    });

    it('lets an admin disable a passage, which leaves the answer side’s passages, and lists the answers that used one', async () => {
      const doc = await detail(documentId);
      const [first, second] = doc.passageList;
      const ctx = { tenantId: shop.id };
      await t.as(shop, () => t.app.zhida.documents.passages.recordUse(ctx, { passageId: first!.id, channel: 'bot' }));
      await t.as(shop, () => t.app.zhida.documents.passages.recordUse(ctx, { passageId: second!.id, channel: 'assist' }));

      const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/documents/${documentId}/passages/${second!.id}`, headers: admin.headers, payload: { enabled: false } });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json()).toMatchObject({ id: second!.id, enabled: false });
      const enabled = await t.as(shop, () => t.app.zhida.documents.passages.listEnabledPassages(ctx));
      expect(enabled.map((p) => p.passageId)).toEqual([first!.id, doc.passageList[2]!.id]);

      const uses = await t.app.inject({ url: `/api/v1/documents/${documentId}/uses`, headers: agent.headers });
      expect(uses.json().items.map((u: { channel: string; headingPath: string[] }) => [u.channel, u.headingPath])).toEqual([
        ['assist', ['第三章 退换货', '3.2 运费']],
        ['bot', ['第三章 退换货']],
      ]);
      expect((await detail(documentId)).disabledPassages).toBe(1);
      expect((await detail(documentId)).uses).toBe(2);
    });

    it('lets agents and analysts read but not change documents', async () => {
      const analyst = await t.login(shop, 'analyst');
      expect((await t.app.inject({ url: '/api/v1/documents', headers: analyst.headers })).statusCode).toBe(200);
      expect((await upload('a.md', 'text/markdown', '# x\n\ny', {}, '/api/v1/documents', agent)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${documentId}`, headers: agent.headers })).statusCode).toBe(403);
    });

    it('deletes the document with every passage and version', async () => {
      const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${documentId}`, headers: admin.headers });
      expect(res.statusCode).toBe(204);
      expect((await t.app.inject({ url: `/api/v1/documents/${documentId}`, headers: agent.headers })).statusCode).toBe(404);
      const left = await t.as(shop, () =>
        Promise.all(
          (['document_passages', 'document_versions', 'document_passage_uses'] as const).map((table) =>
            documentDatabase(t.app.zhida.database.db).selectFrom(table).select('document_id').where('document_id', '=', documentId).execute(),
          ),
        ),
      );
      expect(left.map((rows) => rows.length)).toEqual([0, 0, 0]);
    });
  });

  describe('PDF and the view', () => {
    let pdf: Buffer;
    beforeAll(async () => {
      pdf = await manualPdf();
    }, 60_000);

    it('imports a PDF, and opens it inline at a passage’s page for staff and for a signed link', async () => {
      const res = await upload('售后服务手册.pdf', 'application/pdf', pdf, { title: '售后服务手册（2026版）' });
      expect(res.statusCode, res.body).toBe(201);
      const document = (res.json() as { document: DocumentBody }).document;
      expect(document).toMatchObject({ title: '售后服务手册（2026版）', passages: expect.any(Number) });
      const fees = (await detail(document.id)).passageList.find((p) => p.text.includes('往返运费'))!;
      expect(fees).toMatchObject({ headingPath: ['第二章 退换货', '2.1 运费'], anchor: 'page=2' });

      const staffView = await t.app.inject({ url: document.viewUrl, headers: agent.headers });
      expect(staffView.statusCode).toBe(200);
      expect(staffView.headers['content-type']).toBe('application/pdf');
      expect(staffView.headers['content-disposition']).toMatch(/^inline/);
      expect(staffView.rawPayload.equals(pdf)).toBe(true);

      const link = await t.as(shop, () => t.app.zhida.documents.passages.viewPath({ tenantId: shop.id }, document.id, fees.anchor));
      expect(link).toMatch(new RegExp(`^/api/v1/documents/${document.id}/view\\?tenant=.+&exp=\\d+&sig=.+#page=2$`));
      const [path] = link.split('#');
      const anonymous = await t.app.inject({ url: path! });
      expect(anonymous.statusCode).toBe(200);
      expect(anonymous.headers['content-type']).toBe('application/pdf');
      const tampered = await t.app.inject({ url: path!.replace(/sig=[^&]+/, 'sig=AAAA') });
      expect(tampered.statusCode).toBe(404);
      expect((await t.app.inject({ url: document.viewUrl })).statusCode).toBe(404);
    });

    it('renders a non-PDF document as a page with each heading’s anchor, without running any uploaded markup', async () => {
      const res = await upload('说明.md', 'text/markdown', '# 说明\n\n## 3.2 运费\n\n<script>alert(1)</script>运费由卖家承担。<img src=x onerror=alert(2)>\n');
      const document = (res.json() as { document: DocumentBody }).document;
      const view = await t.app.inject({ url: document.viewUrl, headers: agent.headers });
      expect(view.statusCode).toBe(200);
      expect(view.headers['content-type']).toContain('text/html');
      expect(view.headers['content-security-policy']).toContain("default-src 'none'");
      expect(view.body).toContain('<h2 id="3-2-运费">3.2 运费</h2>');
      expect(view.body).toContain('运费由卖家承担。');
      expect(view.body).not.toContain('<script');
      expect(view.body).not.toContain('<img');
    });

    it('imports a PDF whose last page is a scan, that page read by OCR (Tesseract, installed here)', async () => {
      const mixed = await joinedPdf(pdf, '1-2', await scannedPdf(pdf), '3');
      const res = await upload('售后服务手册-扫描.pdf', 'application/pdf', mixed);
      expect(res.statusCode, res.body).toBe(201);
      const passages = (await detail((res.json() as { document: DocumentBody }).document.id)).passageList;
      expect(passages.find((p) => p.text.replace(/\s/g, '').includes('电子发票在确认收货后二十四小时内开具'))).toMatchObject({ headingPath: ['第三章 发票'], anchor: 'page=3' });
    }, 120_000);

    it('refuses an encrypted PDF with a clear error and stores nothing', async () => {
      const count = await documentCount();
      const res = await upload('加密手册.pdf', 'application/pdf', await encryptedPdf(pdf, 'secret'));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'document_encrypted', message: expect.stringContaining('已加密') });
      expect(await documentCount()).toBe(count);
    }, 30_000);
  });

  describe('bad input', () => {
    it('answers each bad upload with a 4xx error code and leaves nothing behind', async () => {
      const count = await documentCount();
      const cases: [Promise<{ statusCode: number; json: () => { error: { code: string } } }>, number, string][] = [
        [upload('setup.exe', 'application/octet-stream', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])), 400, 'document_type_unsupported'],
        [upload('手册.pdf', 'application/pdf', 'this is not a pdf'), 400, 'document_corrupt'],
        [upload('手册.pdf', 'application/pdf', '%PDF-1.7\n1 0 obj garbage'), 400, 'document_corrupt'],
        [upload('empty.txt', 'text/plain', ''), 400, 'document_empty'],
        [upload('big.txt', 'text/plain', Buffer.alloc(20 * 1024 * 1024 + 10, 'a')), 413, 'document_too_large'],
        [t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: admin.headers, payload: { file: 'x' } }), 400, 'document_upload_invalid'],
        [(() => { const body = multipartBody(null, { title: '没有文件' }); return t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...admin.headers, ...body.headers }, payload: body.payload }); })(), 400, 'document_upload_invalid'],
        [t.app.inject({ method: 'PATCH', url: `/api/v1/documents/${crypto.randomUUID()}/passages/${crypto.randomUUID()}`, headers: admin.headers, payload: { enabled: 'no' } }), 400, 'validation_error'],
        [t.app.inject({ method: 'GET', url: '/api/v1/documents/not-a-uuid', headers: admin.headers }), 400, 'validation_error'],
        [t.app.inject({ method: 'PUT', url: '/api/v1/documents/settings', headers: admin.headers, payload: { allowedSites: ['http://'] } }), 400, 'validation_error'],
      ];
      for (const [call, status, code] of cases) {
        const res = await call;
        expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
      }
      expect(await documentCount()).toBe(count);
    });

    it('writes an import in one transaction: a failure while storing passages leaves no document', async () => {
      const count = await documentCount();
      const data = Buffer.from('x');
      const passages = Array.from({ length: 600 }, (_, i) => ({ headingPath: [], text: i === 599 ? 'bad\u0000text' : `段落${i}`, anchor: 'top' }));
      await expect(
        t.as(shop, () =>
          t.app.zhida.documents.repository.saveImport({ tenantId: shop.id }, { documentId: null, title: '半截', sourceKind: 'upload', sourceName: 'x.txt', sourceUrl: null, mime: 'text/plain', sha256: 'x', data, pages: null, passages, importedBy: null }),
        ),
      ).rejects.toThrow();
      expect(await documentCount()).toBe(count);
    });
  });

  describe('URL import', () => {
    const importUrl = (url: string) => t.app.inject({ method: 'POST', url: '/api/v1/documents/import-url', headers: admin.headers, payload: { url } });

    it('refuses every URL until the admin names the tenant’s sites, then only those sites', async () => {
      const none = await importUrl(`${site.origin}/help/manual.md`);
      expect([none.statusCode, none.json().error.code]).toEqual([422, 'document_url_refused']);
      expect(none.json().error.message).toContain('允许导入的站点');

      expect((await t.app.inject({ method: 'PUT', url: '/api/v1/documents/settings', headers: agent.headers, payload: { allowedSites: ['127.0.0.1'] } })).statusCode).toBe(403);
      const set = await t.app.inject({ method: 'PUT', url: '/api/v1/documents/settings', headers: admin.headers, payload: { allowedSites: ['127.0.0.1', 'https://Help.Example.CN/faq', '*.example.cn'] } });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toEqual({ allowedSites: ['127.0.0.1', 'help.example.cn', '*.example.cn'] });

      const off = await importUrl(`http://localhost:${new URL(site.origin).port}/help/manual.md`);
      expect([off.statusCode, off.json().error.code]).toEqual([422, 'document_url_refused']);
      expect(off.json().error.message).toContain('localhost 不在允许导入的站点列表中');
    });

    it('imports a page of an allowed site, and the same URL again as a new version only when it changed', async () => {
      const res = await importUrl(`${site.origin}/help/page.html`);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().document).toMatchObject({ title: '发票说明', sourceKind: 'url', sourceUrl: `${site.origin}/help/page.html`, passages: 1 });
      const again = await importUrl(`${site.origin}/help/page.html`);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ changed: false, version: 1, document: { id: res.json().document.id } });
      const refresh = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${res.json().document.id}/refresh`, headers: admin.headers });
      expect(refresh.json()).toMatchObject({ changed: false, version: 1 });
    });

    it('follows a redirect within the allowed site, but not one to another host', async () => {
      const moved = await importUrl(`${site.origin}/help/moved`);
      expect(moved.statusCode, moved.body).toBe(201);
      expect(moved.json().document).toMatchObject({ title: '售后服务手册', sourceUrl: `${site.origin}/help/manual.md` });
      const elsewhere = await importUrl(`${site.origin}/help/elsewhere`);
      expect([elsewhere.statusCode, elsewhere.json().error.code]).toEqual([422, 'document_url_refused']);
    });

    it('respects the robots.txt group for ZhidaBot', async () => {
      const res = await importUrl(`${site.origin}/internal/policy.md`);
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'document_robots_disallowed']);
      expect(res.json().error.message).toContain('robots.txt');
      expect(site.hits).not.toContain('/internal/policy.md');
    });

    it('refuses a missing page, a body over the size limit, and a URL that is no http(s) URL', async () => {
      const missing = await importUrl(`${site.origin}/help/none.pdf`);
      expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'document_url_failed']);
      const huge = await importUrl(`${site.origin}/help/huge.txt`);
      expect([huge.statusCode, huge.json().error.code]).toEqual([413, 'document_too_large']);
      const ftp = await importUrl('ftp://127.0.0.1/manual.pdf');
      expect([ftp.statusCode, ftp.json().error.code]).toEqual([422, 'document_url_refused']);
    });
  });
});
