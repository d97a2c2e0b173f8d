import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import { MonthlyReportService } from './monthly-report-service.js';
import { monthTitle, previousReportMonth, reportMonth } from './report-month.js';

const backends = await testBackends();

/** A local SMTP sink: every message it accepts, raw. */
async function smtpSink(): Promise<{ port: number; mails: { to: string[]; raw: string }[]; close(): Promise<void> }> {
  const mails: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(backends)('the monthly report (%s)', (backend) => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let shop: TestTenant;
  let other: TestTenant;
  let admin: StaffSession;
  let analyst: StaffSession;
  const month = previousReportMonth(new Date());
  const inMonth = (day: number) => new Date(reportMonth(month).from.getTime() + (day - 1) * 86_400_000 + 3 * 3_600_000);

  beforeAll(async () => {
    sink = await smtpSink();
    t = await TestApp.start(backend, { smtp: { url: `smtp://127.0.0.1:${sink.port}`, from: '智答月报 <report@zhida.test>' }, chromiumPath: '/usr/bin/chromium' });
    shop = await t.createTenant('report-shop', '示例商城');
    other = await t.createTenant('report-other', '别家公司');
    admin = await t.login(shop, 'admin');
    analyst = await t.login(shop, 'analyst');
    const db = t.app.zhida.database.db;
    // Last month: three conversations (one went to a human), two ratings with comments.
    for (const [day, human] of [[3, false], [3, true], [12, false]] as const) {
      const visitor = await t.startVisitor(shop);
      await t.as(shop, () => t.app.zhida.conversationRepo.appendMessage({ tenantId: shop.id }, { conversationId: visitor.conversationId, senderType: 'visitor', senderId: null, senderName: null, text: '怎么退货', clientMsgId: null }));
      await t.system(async () => {
        await sql`update conversations set created_at = ${inMonth(day)} where id = ${visitor.conversationId}`.execute(db);
        if (human) await sql`insert into handoff_requests (id, tenant_id, conversation_id, reason, priority, status) values (${randomUUID()}, ${shop.id}, ${visitor.conversationId}, 'user_request', 2, 'ended')`.execute(db);
        const visitorId = (await sql<{ visitor_id: string }>`select visitor_id from conversations where id = ${visitor.conversationId}`.execute(db)).rows[0]!.visitor_id;
        const stars = human ? 2 : 5;
        const comment = human ? '客服态度<script>alert(1)</script>很差' : '机器人回答很快';
        await sql`insert into conversation_ratings (id, tenant_id, conversation_id, visitor_id, stars, comment, created_at) values (${randomUUID()}, ${shop.id}, ${visitor.conversationId}, ${visitorId}, ${stars}, ${comment}, ${inMonth(day)})`.execute(db);
      });
    }
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  let reportId: string;

  it('generates, stores and mails the report of a month on request (admin only)', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/reports/monthly', headers: analyst.headers, payload: { month } })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/reports/monthly', headers: admin.headers, payload: { month: '2026-13' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('YYYY-MM');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/reports/monthly', headers: admin.headers, payload: { month: '2099-01' } })).statusCode).toBe(400);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports/monthly', headers: admin.headers, payload: { month } });
    expect(res.statusCode, res.body).toBe(201);
    const summary = res.json();
    reportId = summary.id;
    expect(summary).toMatchObject({ month, hasPdf: true, pdfError: null, emailedTo: ['admin@report-shop.test'], emailError: null });
    const list = await t.app.inject({ url: '/api/v1/reports/monthly', headers: analyst.headers });
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([reportId]);
  });

  it('has KPIs against the previous month, charts, and the CSAT comments escaped', async () => {
    const res = await t.app.inject({ url: `/api/v1/reports/monthly/${reportId}/html`, headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const html = res.body;
    expect(html).toContain(`示例商城 · ${monthTitle(month)}客服月报`);
    // 3 conversations, 2 without a human: 66.7 % resolved by the bot; 1 of 3 ratings is 4–5 stars.
    expect(html).toMatch(/机器人解决率.*?<td class="value">66\.7%<\/td>/s);
    expect(html).toMatch(/满意度 CSAT.*?<td class="value">66\.7%<\/td>/s);
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).toContain('客服态度&lt;script&gt;alert(1)&lt;/script&gt;很差');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('prints a PDF whose first page renders (pdftoppm) and names the tenant and the month (pdftotext)', async () => {
    const res = await t.app.inject({ url: `/api/v1/reports/monthly/${reportId}/pdf`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'zhida-report-'));
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, res.rawPayload);
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '50', '-png', pdf, join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(join(dir, 'page-1.png')).size).toBeGreaterThan(5_000);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-']).toString('utf8');
    expect(text).toContain('示例商城');
    expect(text).toContain(monthTitle(month));
  });

  it('went by e-mail to the tenant’s admins with the PDF attached', () => {
    const mail = sink.mails.find((m) => m.to.includes('admin@report-shop.test'));
    expect(mail).toBeDefined();
    expect(mail!.raw).toMatch(/Content-Type: application\/pdf/i);
    expect(mail!.raw).toContain('zhida-report-');
  });

  it('runs for every tenant on the 1st at 03:30 China time, for the month before', async () => {
    const job = t.app.zhida.monthlyReports.service.asJob(() => new Date('2026-12-01T03:30:00+08:00'));
    expect(job.nextRun!(new Date('2026-11-15T00:00:00Z')).toISOString()).toBe(new Date('2026-12-01T03:30:00+08:00').toISOString());
    expect(job.perTenant).toBe(true);
    await t.as(other, () => job.run({ id: randomUUID(), tenantId: other.id, kind: MonthlyReportService.JOB_KIND, attempt: 1 }));
    const list = await t.as(other, () => t.app.zhida.monthlyReports.service.list({ tenantId: other.id }));
    expect(list.map((r) => r.month)).toEqual(['2026-11']);
  });

  it('is invisible to another tenant', async () => {
    const foreign = await t.login(other, 'admin');
    for (const kind of ['html', 'pdf']) expect((await t.app.inject({ url: `/api/v1/reports/monthly/${reportId}/${kind}`, headers: foreign.headers })).statusCode).toBe(404);
    const list = await t.app.inject({ url: '/api/v1/reports/monthly', headers: foreign.headers });
    expect(list.body).not.toContain(reportId);
  });
});
