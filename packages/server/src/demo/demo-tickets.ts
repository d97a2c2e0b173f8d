import type { TemplateId, TicketCategory } from '@zhida/templates';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { TicketModule } from '../tickets/ticket-module.js';
import { provisionTicketSetup } from '../tickets/ticket-provisioning.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';

/** What a demo customer wrote, per industry, for the first categories of its template. */
const DEMO_DESCRIPTIONS: Record<TemplateId, string[]> = {
  ecommerce: ['快递三天没更新了，订单 E20261201001 还在中转站', '包裹显示已签收，但我根本没收到', '耳机左边没有声音，想换一个新的', '退货已经寄回一周了，退款还没到账', '收到的杯子有裂纹，附上照片'],
  finance: ['信用卡凌晨有两笔境外消费不是我本人', '银行卡丢了，需要挂失补卡', '昨天的转账显示成功但对方没收到', '手机银行密码输错被锁定了', '账单里有一笔年费我没有同意过'],
  government: ['想了解新的人才公寓政策怎么申请', '预约了周三的窗口但是系统显示预约失败', '网上办事大厅上传材料一直提示失败', '营业执照变更需要补正哪些材料', '我的办件已经超过承诺时限还没有结果'],
  telecom: ['这个月话费比平时多了 60 元，不知道扣在哪', '被订了一个视频会员，我没有办理过，要求退费', '家里宽带从昨晚开始断网，光猫红灯闪', '宽带这个月已经第三次断了，修了又坏', '小区地下车库没有信号'],
};

/**
 * A demo tenant's ticket desk: the template's ticket set-up (for tenants made before tickets
 * existed) and every agent in groups (alternating, the admin supervising all). Idempotent.
 */
export async function seedDemoTicketDesk(db: Kysely<Database>, tenantId: string, categories: readonly TicketCategory[]): Promise<void> {
  const tdb = ticketDatabase(db);
  await TenantScope.asTenant(tenantId, async () => {
    await provisionTicketSetup(db, tenantId, categories);
    const groups = await tdb.selectFrom('agent_groups').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy('name').execute();
    const staff = await tdb.selectFrom('users').select(['id', 'role']).where('tenant_id', '=', tenantId).where('active', '=', true).orderBy('email').execute();
    const agents = staff.filter((u) => u.role === 'agent');
    const members = groups.flatMap((group, i) => [
      ...(agents.length > 0 ? [{ tenant_id: tenantId, group_id: group.id, user_id: agents[i % agents.length]!.id, is_supervisor: false }] : []),
      ...staff.filter((u) => u.role === 'admin' || u.role === 'supervisor').map((u) => ({ tenant_id: tenantId, group_id: group.id, user_id: u.id, is_supervisor: true })),
    ]);
    if (members.length > 0) await tdb.insertInto('agent_group_members').values(members).onConflict((oc) => oc.doNothing()).execute();
  });
}

/**
 * A few tickets in different states on a demo tenant's desk (after seedDemoTicketDesk). Idempotent:
 * a tenant with tickets keeps them. Filing them trains the tenant's ticket classifier, so start-up
 * runs this in the background rather than before it listens.
 */
export async function seedDemoTickets(db: Kysely<Database>, tickets: TicketModule, tenantId: string, template: TemplateId, categories: readonly TicketCategory[]): Promise<void> {
  const tdb = ticketDatabase(db);
  await TenantScope.asTenant(tenantId, async () => {
    if (await tdb.selectFrom('tickets').select('id').where('tenant_id', '=', tenantId).executeTakeFirst()) return;
    const staff = await tdb.selectFrom('users').select(['id', 'role']).where('tenant_id', '=', tenantId).where('active', '=', true).orderBy('email').execute();
    const agents = staff.filter((u) => u.role === 'agent');

    const rows = await tdb.selectFrom('ticket_categories').select(['id', 'key']).where('tenant_id', '=', tenantId).execute();
    const idOf = new Map(rows.map((r) => [r.key, r.id]));
    const system = { type: 'system' as const, id: null };
    const created = [];
    for (const [i, description] of DEMO_DESCRIPTIONS[template].entries()) {
      const category = categories[i];
      const ticket = await tickets.service.create(
        tenantId,
        { channel: i % 2 === 0 ? 'widget' : 'chat', description, categoryId: category ? idOf.get(category.id) : undefined, contact: { name: ['陈女士', '刘先生', '赵女士', '孙先生', '周女士'][i] ?? '顾客', phone: `1380000${String(1001 + i)}` } },
        system,
      );
      created.push(ticket);
    }
    // A spread of states for the console: new, answered, waiting for the customer, resolved, closed.
    const agentActor = agents[0] ? { type: 'agent' as const, id: agents[0].id } : system;
    const [, answered, waiting, resolved, closed] = created;
    if (answered) await tickets.service.reply(tenantId, answered.id, { body: '您好，已收到您的反馈，我们正在核实，今天内给您答复。', internal: false, attachments: [] }, agentActor);
    if (waiting) {
      await tickets.service.reply(tenantId, waiting.id, { body: '麻烦您提供一下相关的截图或单号，方便我们查询。', internal: false, attachments: [] }, agentActor);
      await tickets.service.update(tenantId, waiting.id, { status: 'pending_customer' }, agentActor);
    }
    for (const ticket of [resolved, closed]) {
      if (!ticket) continue;
      await tickets.service.reply(tenantId, ticket.id, { body: '问题已为您处理完毕，如仍有疑问可随时补充。', internal: false, attachments: [] }, agentActor);
      await tickets.service.update(tenantId, ticket.id, { status: 'resolved' }, agentActor);
    }
    if (closed) await tickets.service.update(tenantId, closed.id, { status: 'closed' }, agentActor);
  });
}
