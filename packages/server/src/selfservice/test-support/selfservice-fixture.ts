import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DatabaseHandle } from '../../db/create-database.js';
import { createTestDatabase } from '../../test-support/migrated-pglite.js';
import { TenantScope } from '../../db/tenant-scope.js';
import { TenantRepository } from '../../tenancy/tenant-repository.js';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../../test-support/demo-enterprise-service.js';
import { testConfig } from '../../test-support/test-app.js';
import type { Backend } from '../../test-support/test-backends.js';
import type { ActionContext, ActionOutcome } from '../action-executor.js';
import { enterpriseConnectors } from '../http/enterprise-connectors.js';
import { SelfServiceActions } from '../self-service-actions.js';
import { asSelfServiceDb, type SelfServiceDb } from '../self-service-db.js';
import type { SelfServiceLogger } from '../selfservice-logger.js';
import type { SmsProvider } from '../sms-provider.js';

/** A Wednesday morning in Shanghai (10:00 CST); every demo date is relative to it. */
export const FIXED_NOW = new Date('2026-11-25T02:00:00Z');

export class RecordingLogger implements SelfServiceLogger {
  readonly lines: { level: string; obj: object; msg?: string }[] = [];
  info(obj: object, msg?: string) {
    this.lines.push({ level: 'info', obj, msg });
  }
  warn(obj: object, msg?: string) {
    this.lines.push({ level: 'warn', obj, msg });
  }
  error(obj: object, msg?: string) {
    this.lines.push({ level: 'error', obj, msg });
  }
}

export class RecordingSms implements SmsProvider {
  readonly sent: { mobile: string; text: string }[] = [];
  #refusals: Error[] = [];
  async send(mobile: string, text: string) {
    const refusal = this.#refusals.shift();
    if (refusal) throw refusal;
    this.sent.push({ mobile, text });
  }
  /** The gateway throws `error` for the next message instead of sending it. */
  refuseNext(error: Error): void {
    this.#refusals.push(error);
  }
  lastCode(): string {
    const code = /\d{6}/.exec(this.sent.at(-1)?.text ?? '')?.[0];
    if (!code) throw new Error('no SMS sent');
    return code;
  }
}

/**
 * One app on a backend, one tenant per industry whose enterprise is the demo enterprise service (in this
 * process, on a free port, its books dated from FIXED_NOW), reached over the signed HTTP connectors as in
 * production; and helpers to run actions as a visitor.
 */
export class SelfServiceFixture {
  private constructor(
    readonly handle: DatabaseHandle,
    private readonly dropSchema: (() => Promise<void>) | null,
    readonly db: SelfServiceDb,
    readonly actions: SelfServiceActions,
    readonly sms: RecordingSms,
    readonly log: RecordingLogger,
    readonly tenants: Record<'ecommerce' | 'finance' | 'government' | 'telecom', { id: string; slug: string }>,
    /** The enterprise backend: `demo.books(tenantId)` is what it holds, `demo.stop()` takes it down. */
    readonly demo: RunningDemoEnterprise,
    private readonly enterpriseClock: { now: Date },
  ) {}

  static async start(backend: Backend): Promise<SelfServiceFixture> {
    // The database alone (migrated), without the HTTP app: these tests talk to SelfServiceActions directly.
    const config = testConfig(backend);
    const handle = await createTestDatabase(config);
    const database = handle.db;
    const repo = new TenantRepository(database);
    const tenants = {} as SelfServiceFixture['tenants'];
    for (const industry of ['ecommerce', 'finance', 'government', 'telecom'] as const) {
      const slug = `ss-${industry}-${randomUUID().slice(0, 6)}`;
      const tenant = await repo.create({ id: randomUUID(), slug, name: slug, industry });
      tenants[industry] = { id: tenant.id, slug };
    }
    // The demo enterprise seeds a tenant's books on its first request, whatever its industry; its clock
    // reads the time of the conversation being served, as if the two systems shared the day.
    const clock = { now: FIXED_NOW };
    const demo = await startDemoEnterprise({ now: () => clock.now });
    const sms = new RecordingSms();
    const log = new RecordingLogger();
    const actions = new SelfServiceActions({ db: database, sms, log, connectors: enterpriseConnectors(demo.backend) });
    const dropSchema = config.databaseUrl
      ? async () => {
          const client = new pg.Client({ connectionString: config.databaseUrl! });
          await client.connect();
          await client.query(`drop schema if exists "${config.databaseSchema}" cascade`);
          await client.end();
        }
      : null;
    return new SelfServiceFixture(handle, dropSchema, asSelfServiceDb(database), actions, sms, log, tenants, demo, clock);
  }

  /** A new conversation of the tenant (rows written directly: starting one through the widget would wake the bot). */
  async conversation(industry: keyof SelfServiceFixture['tenants'], now = FIXED_NOW, tenantId = this.tenants[industry].id): Promise<ActionContext> {
    const visitorId = randomUUID();
    const conversationId = randomUUID();
    await TenantScope.asTenant(tenantId, async () => {
      await this.db.insertInto('visitors').values({ id: visitorId, tenant_id: tenantId, external_id: null, name: null, verified: false, token_hash: randomUUID() }).execute();
      await this.db.insertInto('conversations').values({ id: conversationId, tenant_id: tenantId, visitor_id: visitorId, status: 'open', assignee_id: null, bot_state: null }).execute();
    });
    this.enterpriseClock.now = now;
    return { tenantId, conversationId, visitorId, now };
  }

  /** Runs one action with a fresh action id, as the conversation's tenant (the bot runs it in the visitor's request). */
  run(ctx: ActionContext, name: string, args: Record<string, unknown>): Promise<ActionOutcome> {
    this.enterpriseClock.now = ctx.now;
    return this.as(ctx, () => this.actions.execute(ctx, { id: `t.${randomUUID()}`, name, args }));
  }

  /** Runs test code that calls the actions or the database directly as the tenant. */
  as<T>(ctx: { tenantId: string }, fn: () => T): T {
    return TenantScope.asTenant(ctx.tenantId, fn);
  }

  /** Runs harness code that inspects or rigs rows of any tenant, as an operator would. */
  system<T>(fn: () => T): T {
    return TenantScope.asSystem(fn);
  }

  /** Runs an action that must succeed and returns its data. */
  async ok(ctx: ActionContext, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const outcome = await this.run(ctx, name, args);
    if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.data;
  }

  /** Runs an action that must fail and returns its code. */
  async failCode(ctx: ActionContext, name: string, args: Record<string, unknown>): Promise<string> {
    const outcome = await this.run(ctx, name, args);
    if (outcome.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(outcome.data)}`);
    return outcome.error.code;
  }

  /** Passes OTP verification for a mobile in this conversation. */
  async verify(ctx: ActionContext, mobile: string): Promise<Record<string, unknown>> {
    await this.ok(ctx, 'identity.sendOtp', { mobile });
    return this.ok(ctx, 'identity.verifyOtp', { mobile, code: this.sms.lastCode() });
  }

  /** What the enterprise holds for the tenant of `ctx` (or an industry's tenant). */
  books(of: { tenantId: string } | keyof SelfServiceFixture['tenants']) {
    return this.demo.books(typeof of === 'string' ? this.tenants[of].id : of.tenantId);
  }

  async close(): Promise<void> {
    await this.demo.stop();
    await this.handle.close();
    await this.dropSchema?.();
  }
}
