import type { Kysely } from 'kysely';
import type { BotConfigRepository } from '../bot/bot-config-repository.js';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { buildDashboard, SERIES_METRICS, type FlowInfo } from './dashboard-builder.js';
import type { DashboardDto } from './dashboard-dto.js';
import type { DashboardFilter } from './dashboard-filter.js';
import { RollupReader } from './rollup-reader.js';

const TOP_QUESTIONS = 20;
const RECENT_COMMENTS = 10;

/** The 数据看板 for one tenant and filter: rollup reads in parallel, the names they refer to, then the measures. */
export class AnalyticsDashboard {
  private readonly reader: RollupReader;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly botConfigs: BotConfigRepository,
  ) {
    this.reader = new RollupReader(db);
  }

  async get(ctx: TenantContext, filter: DashboardFilter): Promise<DashboardDto> {
    await this.assertGroup(ctx, filter.groupId);
    const [perDay, totals, perDimension, unanswered, recentComments, config] = await Promise.all([
      this.reader.perDay(ctx.tenantId, filter, SERIES_METRICS),
      this.reader.totals(ctx.tenantId, filter),
      this.reader.perDimension(ctx.tenantId, filter),
      this.reader.unanswered(ctx.tenantId, filter, TOP_QUESTIONS),
      this.reader.recentComments(ctx.tenantId, filter, RECENT_COMMENTS),
      this.botConfigs.get(ctx),
    ]);
    const agentIds = [...new Set(perDimension.filter((d) => d.dimKind === 'agent').map((d) => d.dimKey))];
    const faqIds = [...new Set(perDimension.filter((d) => d.dimKind === 'faq').map((d) => d.dimKey))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const [users, faqs] = await Promise.all([
      agentIds.length ? this.db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', ctx.tenantId).where('id', 'in', agentIds).execute() : [],
      faqIds.length ? this.db.selectFrom('faqs').select(['id', 'question']).where('tenant_id', '=', ctx.tenantId).where('id', 'in', faqIds).execute() : [],
    ]);
    const flows: FlowInfo[] = (config?.flows ?? []).map((f) => ({ id: f.id, title: f.title.zh, stepIds: f.steps.map((s) => s.id) }));
    return buildDashboard({
      filter,
      perDay,
      totals,
      perDimension,
      topUnanswered: unanswered.top,
      unansweredTurns: unanswered.turns,
      recentComments,
      flows,
      agentNames: new Map(users.map((u) => [u.id, u.name])),
      faqQuestions: new Map(faqs.map((f) => [f.id, f.question])),
    });
  }

  /** A group filter names a group of the caller's tenant; another tenant's (or none) is a 404. */
  async assertGroup(ctx: TenantContext, groupId: string | null): Promise<void> {
    if (!groupId) return;
    const found = await ticketDatabase(this.db).selectFrom('agent_groups').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', groupId).executeTakeFirst();
    if (!found) throw new NotFoundError('Group');
  }
}
