import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { actionCatalogue, type ActionHandler } from './action-catalogue.js';
import type { ActionContext, ActionExecutor, ActionOutcome, ActionRequest } from './action-executor.js';
import { ConnectorNotConfiguredError } from './connectors/connector-not-configured-error.js';
import type { Connectors } from './connectors/connectors.js';
import { withUnconfiguredConnectors } from './connectors/unconfigured-connector.js';
import { conversationCustomerId } from './conversation-customer.js';
import { CustomerVerifications } from './customer-verifications.js';
import { OtpService } from './otp-service.js';
import { asSelfServiceDb, type SelfServiceDb } from './self-service-db.js';
import { SelfServiceFailure } from './selfservice-failure.js';
import type { SelfServiceLogger } from './selfservice-logger.js';
import type { SmsProvider } from './sms-provider.js';
import { TenantReturnPolicies } from './tenant-return-policies.js';

/** A claim older than this with no outcome belongs to a crashed attempt and may be taken over. */
const STALE_CLAIM_MS = 60_000;

export interface SelfServiceActionsDeps {
  db: Kysely<Database>;
  sms: SmsProvider;
  log: SelfServiceLogger;
  /** The tenant's CRM/ERP connectors; a capability without one answers `not_configured`, never made-up data. */
  connectors: Partial<Connectors>;
}

/**
 * Runs the actions of the industry flows against the connectors, exactly once
 * per action id: the first outcome (success or business failure) is stored in
 * selfservice_actions and replayed on a retried turn.
 *
 * @example
 * const actions = new SelfServiceActions({ db, sms: new DemoSmsProvider(log), log, connectors: enterpriseConnectors(config.enterpriseBackend) });
 * await actions.execute(ctx, { id: 'a3.ecommerce.return.create', name: 'returns.create', args: { orderId, reason: 'size', method: 'pickup' } });
 */
export class SelfServiceActions implements ActionExecutor {
  private readonly db: SelfServiceDb;
  private readonly log: SelfServiceLogger;
  private readonly catalogue: Record<string, ActionHandler>;

  constructor(deps: SelfServiceActionsDeps) {
    this.db = asSelfServiceDb(deps.db);
    this.log = deps.log;
    const policies = new TenantReturnPolicies(this.db);
    this.catalogue = actionCatalogue({
      connectors: withUnconfiguredConnectors(deps.connectors),
      otp: new OtpService(this.db, deps.sms),
      verifications: new CustomerVerifications(this.db),
      policies,
    });
  }

  /** The action names this executor understands. */
  get actionNames(): string[] {
    return Object.keys(this.catalogue).sort();
  }

  /** How an action's args are read (its zod schema), for callers that describe actions to people; undefined when unknown. */
  argsSchema(name: string): ActionHandler['args'] | undefined {
    return Object.hasOwn(this.catalogue, name) ? this.catalogue[name]!.args : undefined;
  }

  async execute(ctx: ActionContext, action: ActionRequest): Promise<ActionOutcome> {
    const handler = Object.hasOwn(this.catalogue, action.name) ? this.catalogue[action.name] : undefined;
    if (!handler) return failure('unknown_action', `不支持的操作：${action.name}`);
    const parsed = handler.args.safeParse(normalizeArgs(action.args));
    if (!parsed.success) return failure('invalid_args', '提供的信息格式不正确，请核对后重试');

    const claim = await this.claim(ctx, action);
    if (claim.kind === 'replay') return claim.outcome;
    if (claim.kind === 'busy') return failure('in_progress', '该操作正在处理中，请稍候');

    let outcome: ActionOutcome;
    try {
      // Action ids are unique per conversation only, so the key a backend dedupes on includes the conversation.
      const customerId = await conversationCustomerId(this.db, ctx);
      outcome = { ok: true, data: await handler.run({ ...ctx, idempotencyKey: `${ctx.conversationId}:${action.id}`, customerId }, parsed.data) };
    } catch (error) {
      if (error instanceof ConnectorNotConfiguredError) {
        // Not an answer either: once a connector is configured the same action id may run.
        await this.db.deleteFrom('selfservice_actions').where('id', '=', claim.id).execute().catch(() => undefined);
        this.log.info({ action: action.name, tenantId: ctx.tenantId, capability: error.capability }, 'self-service action: no enterprise connector configured');
        return failure(error.code, '该业务尚未接入企业系统，暂不能在线办理');
      }
      if (!(error instanceof SelfServiceFailure)) {
        // Infrastructure trouble is not an answer: release the claim so a retry runs again.
        await this.db.deleteFrom('selfservice_actions').where('id', '=', claim.id).execute().catch(() => undefined);
        this.log.error({ err: error, action: action.name, tenantId: ctx.tenantId }, 'self-service action failed');
        return failure('unavailable', '系统繁忙，请稍后再试');
      }
      outcome = failure(error.code, error.message, error.retryAfterSeconds);
      if (error.retryAfterSeconds !== undefined) {
        // A limit passes: replaying "wait 42 s" later would be wrong, so the same action id may run again.
        await this.db.deleteFrom('selfservice_actions').where('id', '=', claim.id).execute();
        this.log.info({ action: action.name, tenantId: ctx.tenantId, conversationId: ctx.conversationId, ok: false, code: error.code, retryAfterSeconds: error.retryAfterSeconds }, 'self-service action');
        return outcome;
      }
    }
    await this.db.updateTable('selfservice_actions').set({ outcome: JSON.stringify(outcome) }).where('id', '=', claim.id).execute();
    this.log.info({ action: action.name, tenantId: ctx.tenantId, conversationId: ctx.conversationId, ok: outcome.ok, code: outcome.ok ? undefined : outcome.error.code }, 'self-service action');
    return outcome;
  }

  private async claim(ctx: ActionContext, action: ActionRequest): Promise<{ kind: 'run'; id: string } | { kind: 'replay'; outcome: ActionOutcome } | { kind: 'busy' }> {
    const id = randomUUID();
    const inserted = await this.db
      .insertInto('selfservice_actions')
      .values({ id, tenant_id: ctx.tenantId, conversation_id: ctx.conversationId, action_id: action.id, name: action.name, outcome: null, created_at: new Date() })
      .onConflict((oc) => oc.columns(['tenant_id', 'conversation_id', 'action_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { kind: 'run', id };
    const existing = await this.db
      .selectFrom('selfservice_actions')
      .select(['id', 'name', 'outcome', 'created_at'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', ctx.conversationId)
      .where('action_id', '=', action.id)
      .executeTakeFirst();
    if (!existing) return { kind: 'busy' };
    if (existing.name !== action.name) return { kind: 'replay', outcome: failure('action_id_reused', '操作编号冲突') };
    if (existing.outcome !== null) return { kind: 'replay', outcome: existing.outcome as ActionOutcome };
    const taken = await this.db
      .updateTable('selfservice_actions')
      .set({ created_at: new Date() })
      .where('id', '=', existing.id)
      .where('outcome', 'is', null)
      .where('created_at', '<', new Date(Date.now() - STALE_CLAIM_MS))
      .returning('id')
      .executeTakeFirst();
    return taken ? { kind: 'run', id: taken.id } : { kind: 'busy' };
  }
}

/**
 * Flow args are interpolated slots: a whole-placeholder arg keeps the slot's
 * type and an unfilled one is null. Numbers become strings (order numbers,
 * amounts) and null means "not given".
 */
function normalizeArgs(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args ?? {})
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]),
  );
}

function failure(code: string, message: string, retryAfterSeconds?: number): ActionOutcome {
  return { ok: false, error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds } };
}
