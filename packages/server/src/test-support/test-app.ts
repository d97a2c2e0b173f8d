import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import type { DatabaseHandle } from '../db/create-database.js';
import type { Role } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { buildApp, type ZhidaApp } from '../app/build-app.js';
import type { SmsProvider } from '../selfservice/sms-provider.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from './demo-enterprise-service.js';
import { createTestDatabase } from './migrated-pglite.js';
import { TEST_DATABASE_URL, type Backend } from './test-backends.js';

export interface TestTenant {
  id: string;
  slug: string;
  users: Record<Role, { id: string; email: string }>;
}

export interface StaffSession {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export const TEST_PASSWORD = 'correct horse battery';

export function testConfig(backend: Backend, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    databaseUrl: backend === 'postgres' ? TEST_DATABASE_URL : null,
    // Each run gets its own schema so parallel and repeated runs never collide.
    databaseSchema: backend === 'postgres' ? `t_${randomUUID().replace(/-/g, '').slice(0, 20)}` : 'public',
    redisUrl: null,
    logLevel: 'silent',
    publicUrl: null,
    seedDemo: false,
    seedDemoHistory: false,
    cookieSecure: false,
    // Shared by the nodes of startSharing, like one ZHIDA_SECRET_KEY for a cluster.
    secretKey: randomBytes(32),
    staticRoot: null,
    ...overrides,
  };
}

/** A running app (in-process) on the given backend, with helpers to make tenants and log in. */
export class TestApp {
  private constructor(
    readonly app: ZhidaApp,
    private readonly config: AppConfig,
    /** A database opened here rather than by buildApp, which then leaves closing it to us. */
    private readonly ownDatabase: DatabaseHandle | null = null,
    /** The enterprise backend started for this app (`demoEnterprise: true`): its books, and stop() to take it down. */
    readonly demoEnterprise: RunningDemoEnterprise | null = null,
  ) {}

  /** `sms` replaces the demo SMS provider, e.g. with a gateway that refuses. */
  static async start(backend: Backend, overrides: Partial<AppConfig> = {}, options: { sms?: SmsProvider; demoEnterprise?: boolean | { now: () => Date } } = {}): Promise<TestApp> {
    // The demo enterprise as its own service (in this process, on a free port), reached over the signed
    // HTTP connectors as `npm start` runs it: without it the app has no self-service backend. `now` sets its books' clock.
    const demo = options.demoEnterprise ? await startDemoEnterprise(options.demoEnterprise === true ? {} : options.demoEnterprise) : null;
    const config = testConfig(backend, demo ? { enterpriseBackend: demo.backend, ...overrides } : overrides);
    // In-memory PGlite starts from the migrated dump; PostgreSQL and on-disk PGlite as buildApp opens them.
    const database = config.databaseUrl || config.dataDir ? null : await createTestDatabase(config);
    try {
      const app = await buildApp(config, { ...(options.sms ? { sms: options.sms } : {}), ...(database ? { database } : {}) });
      await app.ready();
      return new TestApp(app, config, database, demo);
    } catch (err) {
      await database?.close();
      await demo?.stop();
      throw err;
    }
  }

  /** A second app node on the same database schema (PostgreSQL only). */
  static async startSharing(first: TestApp, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
    const config = { ...first.config, ...overrides };
    const app = await buildApp(config);
    await app.ready();
    return new TestApp(app, config);
  }

  /** Closes a node started with startSharing without dropping the shared schema. */
  async closeShared(): Promise<void> {
    await this.app.close();
  }

  async listen(): Promise<string> {
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = this.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    return `http://127.0.0.1:${addr.port}`;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.ownDatabase?.close();
    await this.demoEnterprise?.stop();
    if (this.config.databaseUrl && this.config.databaseSchema !== 'public') {
      const client = new pg.Client({ connectionString: this.config.databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${this.config.databaseSchema}" cascade`);
      await client.end();
    }
  }

  /** A tenant with one user per role, all with TEST_PASSWORD. */
  async createTenant(slug: string, name = slug): Promise<TestTenant> {
    const { tenants, users } = this.app.zhida;
    const tenant = await tenants.create({ id: randomUUID(), slug, name, industry: 'ecommerce' });
    const ctx = { tenantId: tenant.id };
    const made = {} as TestTenant['users'];
    await TenantScope.asTenant(tenant.id, async () => {
      for (const role of ['admin', 'supervisor', 'agent', 'analyst'] as const) {
        const u = await users.create(ctx, { email: `${role}@${slug}.test`, name: `${role} of ${slug}`, role, password: TEST_PASSWORD });
        made[role] = { id: u.id, email: u.email };
      }
    });
    return { id: tenant.id, slug, users: made };
  }

  async login(tenant: TestTenant, role: Role): Promise<StaffSession> {
    const res = await this.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: tenant.slug, email: tenant.users[role].email, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'zhida_session');
    if (!cookie) throw new Error('no session cookie');
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    return { cookie: `zhida_session=${cookie.value}`, csrf, headers: { cookie: `zhida_session=${cookie.value}`, 'x-csrf-token': csrf } };
  }

  /** Starts a widget conversation as an anonymous visitor. */
  async startVisitor(tenant: TestTenant, body: Record<string, unknown> = {}, ip = '10.1.0.1') {
    const res = await this.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: tenant.slug, ...body }, remoteAddress: ip });
    if (res.statusCode !== 201) throw new Error(`start failed: ${res.statusCode} ${res.body}`);
    const json = res.json() as { conversationId: string; visitorToken: string };
    return { conversationId: json.conversationId, token: json.visitorToken, headers: { authorization: `Bearer ${json.visitorToken}` } };
  }

  async addFaq(tenant: TestTenant, question: string, answer: string, paraphrases: string[] = []) {
    return this.as(tenant, () => this.app.zhida.faqs.create({ tenantId: tenant.id }, { question, answer, paraphrases, category: '测试' }));
  }

  /** Runs fixture code that calls services or the database directly as the tenant, as its requests would. */
  as<T>(tenant: { id: string }, fn: () => T): T {
    return TenantScope.asTenant(tenant.id, fn);
  }

  /** Runs harness code that inspects or rigs rows of any tenant, as an operator would. */
  system<T>(fn: () => T): T {
    return TenantScope.asSystem(fn);
  }
}
