import type { TemplateId } from '@zhida/templates';
import { TenantScope } from '../db/tenant-scope.js';
import { TenantProvisioner } from '../tenancy/tenant-provisioner.js';
import type { TestApp, TestTenant } from './test-app.js';

export type BotReply = { text: string; quickReplies: string[]; meta: Record<string, unknown> };

/**
 * A tenant installed from an industry template with its model trained — what the bot journey tests talk to.
 * Its orders, accounts and bookings live in the app's enterprise backend (`TestApp.start(…, { demoEnterprise: true })`),
 * which seeds the tenant's books on its first request.
 */
export async function provisionTemplateTenant(t: TestApp, options: { slug: string; name: string; template: TemplateId }): Promise<TestTenant> {
  const tenant = await new TenantProvisioner(t.app.zhida).create({ slug: options.slug, name: options.name, template: options.template });
  await TenantScope.asTenant(tenant.id, () => t.app.zhida.brains.ensureTraining({ tenantId: tenant.id }));
  return { id: tenant.id, slug: tenant.slug } as TestTenant;
}

/**
 * A new widget conversation (`startBody`: e.g. a verified identity); `say` posts one visitor message (expecting 201) and returns the bot's replies.
 * @example const chat = await widgetChat(t, shop); const replies = await chat.say('怎么退货');
 */
export async function widgetChat(t: TestApp, tenant: TestTenant, startBody: Record<string, unknown> = {}) {
  const visitor = await t.startVisitor(tenant, startBody);
  let sent = 0;
  const say = async (text: string): Promise<BotReply[]> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitor.conversationId}/messages`, headers: visitor.headers, payload: { text, clientMsgId: `m-${sent++}` } });
    if (res.statusCode !== 201) throw new Error(`message refused: ${res.statusCode} ${res.body}`);
    return res.json().replies as BotReply[];
  };
  /** The replies' texts joined by newlines. */
  const sayText = async (text: string): Promise<string> => (await say(text)).map((r) => r.text).join('\n');
  return { ...visitor, say, sayText };
}
