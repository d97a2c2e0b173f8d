import type { FaqRepository } from '../kb/faq-repository.js';
import type { TenantRepository } from '../tenancy/tenant-repository.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { Bot, BotReply, BotTurn } from './bot.js';
import { botMessages } from './bot-messages.js';
import { InterimFaqIndex } from './interim-faq-index.js';

const ANSWER_THRESHOLD = 0.34;
const HUMAN_REQUEST = /转人工|人工客服|找人工|真人|human|agent/i;

/** Answers from the tenant's FAQ; hands off on request; says honestly when it has no answer. */
export class KnowledgeBaseBot implements Bot {
  private readonly indexes = new Map<string, { version: number; index: InterimFaqIndex }>();

  constructor(
    private readonly faqs: FaqRepository,
    private readonly tenants: TenantRepository,
  ) {}

  async welcome(ctx: TenantContext): Promise<BotReply[]> {
    const tenant = await this.tenants.findById(ctx.tenantId);
    const t = botMessages['zh-CN'];
    const faqs = await this.faqs.list(ctx);
    return [{ text: t.welcome(tenant?.name ?? ''), quickReplies: [...faqs.slice(0, 3).map((f) => f.question), t.humanButton], meta: { kind: 'welcome' } }];
  }

  async respond(ctx: TenantContext, input: { conversationId: string; text: string; state: unknown }): Promise<BotTurn> {
    const t = botMessages['zh-CN'];
    if (HUMAN_REQUEST.test(input.text)) {
      return { replies: [{ text: t.handoff, quickReplies: [], meta: { kind: 'handoff' } }], handoff: { reason: 'user_request', priority: 'normal' }, state: input.state };
    }
    const index = await this.indexFor(ctx);
    const [best, ...rest] = index.search(input.text, 4);
    if (!best || best.score < ANSWER_THRESHOLD) {
      return { replies: [{ text: t.fallback, quickReplies: [t.humanButton], meta: { kind: 'fallback' } }], handoff: null, state: input.state };
    }
    const related = rest.filter((h) => h.score >= ANSWER_THRESHOLD / 2).map((h) => h.faq.question).slice(0, 3);
    return {
      replies: [{ text: best.faq.answer, quickReplies: related, meta: { kind: 'faq', faqId: best.faq.id, confidence: Number(best.score.toFixed(3)) } }],
      handoff: null,
      state: input.state,
    };
  }

  private async indexFor(ctx: TenantContext): Promise<InterimFaqIndex> {
    const version = await this.faqs.version(ctx);
    const cached = this.indexes.get(ctx.tenantId);
    if (cached && cached.version === version) return cached.index;
    const index = new InterimFaqIndex(await this.faqs.list(ctx));
    this.indexes.set(ctx.tenantId, { version, index });
    return index;
  }
}
