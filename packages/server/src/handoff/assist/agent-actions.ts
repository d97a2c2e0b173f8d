import { randomUUID } from 'node:crypto';
import type { FlowDefinition } from '@zhida/dialogue';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { auditActor, type AuditLog } from '../../auth/audit-log.js';
import type { StaffPrincipal } from '../../auth/principal.js';
import type { BotConfigRepository } from '../../bot/bot-config-repository.js';
import type { Database } from '../../db/schema.js';
import { BadRequestError, NotFoundError } from '../../errors/app-error.js';
import type { ActionOutcome } from '../../selfservice/action-executor.js';
import type { SelfServiceActions } from '../../selfservice/self-service-actions.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';

export const agentActionSchema = z.object({
  name: z.string(),
  /** The flows of the tenant's bot that run it (their Chinese titles). */
  usedBy: z.array(z.string()),
  /** JSON Schema of the args, as the executor reads them. */
  args: z.record(z.string(), z.unknown()),
});
export type AgentAction = z.infer<typeof agentActionSchema>;

/**
 * The tenant's self-service actions run by an agent for the customer of a conversation: the
 * actions its bot's flows use, through the same executor (and so the same checks: an account
 * action still needs this conversation's OTP verification) with the conversation's visitor as the
 * subject, each run written to the audit log.
 */
export class AgentActions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly executor: SelfServiceActions,
    private readonly botConfigs: BotConfigRepository,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(ctx: TenantContext, conversationId: string): Promise<AgentAction[]> {
    await this.visitorOf(ctx, conversationId);
    return this.available(ctx);
  }

  async run(staff: StaffPrincipal, conversationId: string, name: string, args: Record<string, unknown>): Promise<ActionOutcome> {
    const visitorId = await this.visitorOf(staff, conversationId);
    const schema = (await this.available(staff)).some((a) => a.name === name) ? this.executor.argsSchema(name) : undefined;
    if (!schema) throw new NotFoundError('Action');
    const parsed = schema.safeParse(normalizeArgs(args));
    if (!parsed.success) throw new BadRequestError(`Invalid args for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'args'} ${i.message}`).join('; ')}`, 'invalid_args');
    // A fresh id per run: an agent running the same action twice means it twice.
    const outcome = await this.executor.execute({ tenantId: staff.tenantId, conversationId, visitorId, now: this.now() }, { id: `agent:${randomUUID()}`, name, args });
    await this.audit.record({
      tenantId: staff.tenantId,
      ...auditActor(staff),
      action: 'conversation.agent_action',
      objectType: 'conversation',
      objectId: conversationId,
      detail: { name, ok: outcome.ok, ...(outcome.ok ? {} : { code: outcome.error.code }) },
    });
    return outcome;
  }

  private async visitorOf(ctx: TenantContext, conversationId: string): Promise<string> {
    const row = await this.db.selectFrom('conversations').select('visitor_id').where('tenant_id', '=', ctx.tenantId).where('id', '=', conversationId).executeTakeFirst();
    if (!row) throw new NotFoundError('Conversation');
    return row.visitor_id;
  }

  private async available(ctx: TenantContext): Promise<AgentAction[]> {
    const config = await this.botConfigs.get(ctx);
    const usedBy = new Map<string, Set<string>>();
    for (const flow of (config?.flows ?? []) as FlowDefinition[]) {
      for (const step of flow.steps) {
        if (step.type !== 'action' || !this.executor.argsSchema(step.action)) continue;
        const titles = usedBy.get(step.action) ?? new Set<string>();
        titles.add(flow.title.zh);
        usedBy.set(step.action, titles);
      }
    }
    return [...usedBy]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([name, flows]) => ({ name, usedBy: [...flows], args: z.toJSONSchema(this.executor.argsSchema(name)!, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> }));
  }
}

/** As the executor reads flow args: null means not given, numbers are strings (order numbers, amounts). */
function normalizeArgs(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]),
  );
}
