import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantBooks } from '@zhida/demo-enterprise';
import { buildApp, loadConfig, seedDemo, TenantScope, type ZhidaApp } from '../../packages/server/src/index.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../../packages/server/src/test-support/demo-enterprise-service.js';
import { CapturedSms } from './captured-sms.js';

export class UnknownTenantError extends Error {
  readonly code = 'unknown_tenant';
}

/**
 * The real server, in-process, on a throw-away PGlite directory with the demo tenants seeded and all
 * their models trained before the first conversation, and the demo enterprise beside it as `npm start`
 * runs it (its own HTTP service, books in memory). The bench talks to the server over HTTP like the
 * widget; it reaches into the enterprise's books for fixtures and into the database only for what a
 * customer would have (SMS codes, an API key).
 */
export class BenchServer {
  private readonly keys = new Map<string, Promise<string>>();

  private constructor(
    readonly app: ZhidaApp,
    readonly base: string,
    /** Every SMS the server sent (verification codes), by mobile. */
    readonly sms: CapturedSms,
    private readonly dataDir: string,
    private readonly enterprise: RunningDemoEnterprise,
  ) {}

  static async start(): Promise<BenchServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhida-bench-dialogue-'));
    const sms = new CapturedSms();
    const enterprise = await startDemoEnterprise();
    const app = await buildApp(loadConfig({ ZHIDA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...enterprise.env }, null), { sms });
    try {
      await seedDemo(app.zhida, app.log);
      console.log('training the tenant models…');
      await app.zhida.brains.catchUp();
      await app.listen({ port: 0, host: '127.0.0.1' });
    } catch (err) {
      await app.close();
      await enterprise.stop();
      rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
    const address = app.server.address();
    return new BenchServer(app, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, sms, dataDir, enterprise);
  }

  /** A tenant's books in the demo enterprise, live: what the fixtures clone customers in. */
  books(tenantId: string): TenantBooks {
    return this.enterprise.books(tenantId);
  }

  async tenantId(slug: string): Promise<string> {
    const tenant = await this.app.zhida.tenants.findBySlug(slug);
    if (!tenant) throw new UnknownTenantError(`tenant ${slug} was not seeded`);
    return tenant.id;
  }

  /** The tenant's FAQs as stored (ids are the ones bot turns record). */
  async faqs(slug: string): Promise<{ id: string; question: string }[]> {
    const ctx = { tenantId: await this.tenantId(slug) };
    return TenantScope.asTenant(ctx.tenantId, () => this.app.zhida.faqs.list(ctx));
  }

  /** An analyst API key of the tenant (the least role allowed `nlu.parse`), made once per tenant. */
  apiKey(slug: string): Promise<string> {
    let key = this.keys.get(slug);
    if (!key) {
      key = this.tenantId(slug).then((tenantId) => TenantScope.asTenant(tenantId, () => this.app.zhida.apiKeys.create({ tenantId }, { name: 'bench:dialogue', role: 'analyst' })).then((k) => k.secret));
      this.keys.set(slug, key);
    }
    return key;
  }

  async close(): Promise<void> {
    try {
      await this.app.close();
      await this.enterprise.stop();
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}
