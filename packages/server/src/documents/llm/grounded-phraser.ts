import { checkGrounding, maskPii } from '@zhida/nlu';
import type { FastifyBaseLogger } from 'fastify';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import type { EnabledPassage } from '../document-passage-port.js';
import type { ChatCompletionsClient } from './chat-completions-client.js';
import type { DocumentLlmSettingsRepository } from './document-llm-settings-repository.js';
import { isMainlandEndpoint } from './mainland-endpoint.js';

const SYSTEM_PROMPT = [
  '你是企业客服助手。只能依据下面【资料】中的内容回答客户的问题。',
  '要求：1. 不得添加资料以外的任何信息、承诺或推测；2. 数字、期限、金额必须与资料完全一致；3. 资料说"不"的不能说成"可以"；',
  '4. 用一到三句简洁、礼貌的中文回答，不要写来源，不要使用Markdown；5. 资料不足以回答时，只回复"NO_ANSWER"。',
].join('\n');

/** Why a worded answer was not used, for the log and the benchmark. */
export type PhraseOutcome = 'used' | 'off' | 'not_mainland' | 'call_failed' | 'no_answer' | 'ungrounded';

/**
 * Lets the tenant's LLM word an answer from the retrieved passages only, and keeps the wording only when every
 * sentence of it is supported by those passages (`checkGrounding`: content overlap, same numbers, same negations).
 * The customer's question goes out with personal data masked (SECURITY.md check 43); a non-mainland endpoint is
 * never called while the tenant's "mainland providers only" is on (check 44).
 */
export class GroundedPhraser {
  constructor(
    private readonly settings: DocumentLlmSettingsRepository,
    private readonly client: ChatCompletionsClient,
    private readonly log?: FastifyBaseLogger,
  ) {}

  /** The grounded wording, or null (the caller keeps the extractive answer). */
  async phrase(ctx: TenantContext, question: string, passages: readonly EnabledPassage[]): Promise<string | null> {
    const { text, outcome } = await this.attempt(ctx, question, passages);
    if (outcome !== 'used' && outcome !== 'off') this.log?.info({ tenantId: ctx.tenantId, outcome }, 'document LLM answer not used');
    return text;
  }

  /** `phrase` with the reason it was (not) used. */
  async attempt(ctx: TenantContext, question: string, passages: readonly EnabledPassage[]): Promise<{ text: string | null; outcome: PhraseOutcome }> {
    const endpoint = await this.settings.endpoint(ctx);
    if (!endpoint || passages.length === 0) return { text: null, outcome: 'off' };
    const host = safeHost(endpoint.baseUrl);
    if (endpoint.mainlandProvidersOnly && (!host || !isMainlandEndpoint(host))) return { text: null, outcome: 'not_mainland' };
    const material = passages.map((p, i) => `[${i + 1}]《${p.documentTitle}》${p.headingPath.join(' › ')}\n${p.text}`).join('\n\n');
    const result = await this.client.complete(endpoint, [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: `【资料】\n${material}\n\n【客户问题】\n${maskPii(question)}` },
    ]);
    if (!result.ok) return { text: null, outcome: 'call_failed' };
    if (result.text.includes('NO_ANSWER')) return { text: null, outcome: 'no_answer' };
    const verdict = checkGrounding(result.text, passages.map((p) => p.text));
    return verdict.grounded ? { text: result.text, outcome: 'used' } : { text: null, outcome: 'ungrounded' };
  }
}

function safeHost(raw: string): string | null {
  try {
    return new URL(raw).hostname;
  } catch {
    return null;
  }
}
