import { FaqRetriever } from '@zhida/nlu';
import { sql, type Kysely } from 'kysely';
import type { TenantBrain, TenantBrainRegistry } from '../../bot/tenant-brain-registry.js';
import type { Database } from '../../db/schema.js';
import type { PassageFinder } from '../../documents/answer/document-answerer.js';
import { NotFoundError } from '../../errors/app-error.js';
import type { KnowledgeSearch } from '../../search/knowledge-search.js';
import { handoffDatabase, type HandoffDatabase } from '../handoff-schema.js';
import type { AssistCandidate, AssistSuggestionDto } from './assist-suggestion-dto.js';
import type { AssistSuggestionRepository } from './assist-suggestion-repository.js';
import type { CannedReplyCaller, CannedReplyRepository } from './canned-reply-repository.js';
import { empathyLine, isEmpathyEmotion } from './empathy-line.js';
import { termSet, termSimilarity } from './term-similarity.js';

export const MAX_SUGGESTIONS = 8;
// How many of each kind make the list before the rest fill it: knowledge first (FAQs and articles, then the
// documents' passages), then precedent, then canned text.
const QUOTA = { knowledge: 3, passages: 2, conversations: 2, tickets: 1, canned: 2 } as const;
// Recent resolved cases compared per request: bounded work, and old cases describe old policies anyway.
const CASES_COMPARED = 200;
const KNOWLEDGE_CANDIDATES = 8;
// Reciprocal-rank fusion constant: the bot's FAQ retriever and the knowledge search vote on one list.
const RRF_K = 5;
const FUSION_WEIGHT = { retriever: 1, search: 0.5 } as const;
// The classifier labels some plain questions anxious with no confidence ("…怎么办"): only a felt emotion gets an empathy line.
const MIN_EMOTION_SCORE = 0.5;
const MIN_CASE_SCORE = 0.3;
const MIN_CANNED_SCORE = 0.2;
const SNIPPET_CHARS = 300;

/**
 * Suggestions for the agent answering a visitor message: FAQ and article answers (the bot's own FAQ
 * retriever fused with the knowledge search, without the bot's answer threshold — an agent judges a
 * weak hit), the passages of the tenant's documents the bot would read (with a link to each), resolved
 * conversations and tickets of the tenant that resemble it (same intent and the same order/ticket
 * numbers rank higher), matching canned replies, and an empathy line for an angry or anxious customer.
 * Every item shown is stored for the adoption rate.
 */
export class AgentAssist {
  private readonly db: Kysely<HandoffDatabase>;
  private readonly retrievers = new WeakMap<TenantBrain, FaqRetriever | null>();

  constructor(
    db: Kysely<Database>,
    private readonly brains: TenantBrainRegistry,
    private readonly knowledge: KnowledgeSearch,
    private readonly canned: CannedReplyRepository,
    private readonly store: AssistSuggestionRepository,
    private readonly passages?: PassageFinder,
  ) {
    this.db = handoffDatabase(db);
  }

  async suggest(caller: CannedReplyCaller, conversationId: string, messageId?: string): Promise<AssistSuggestionDto[]> {
    const conversation = await this.db.selectFrom('conversations').select(['id', 'bot_state']).where('tenant_id', '=', caller.tenantId).where('id', '=', conversationId).executeTakeFirst();
    if (!conversation) throw new NotFoundError('Conversation');
    let q = this.db
      .selectFrom('messages')
      .select(['id', 'text'])
      .where('tenant_id', '=', caller.tenantId)
      .where('conversation_id', '=', conversationId)
      .where('sender_type', '=', 'visitor')
      .where('internal', '=', false);
    q = messageId ? q.where('id', '=', messageId) : q.orderBy('seq', 'desc').limit(1);
    const message = await q.executeTakeFirst();
    if (messageId && !message) throw new NotFoundError('Message');
    const text = message?.text ?? '';
    const locale = (conversation.bot_state as { locale?: unknown } | null)?.locale === 'en' ? 'en' : 'zh-CN';

    const brain = await this.brains.get(caller);
    const parse = brain.model.parse(text);
    const intent = parse.intent?.name ?? null;
    const entities = [...new Set(parse.entities.map((e) => String(e.value)).filter((v) => v.length >= 4))];
    const queryTerms = termSet(text);
    const [knowledge, passages, conversations, tickets, canned] = await Promise.all([
      this.knowledgeFor(caller, brain, text),
      text ? this.passagesFor(caller, text) : [],
      text ? this.similarConversations(caller, conversationId, queryTerms, intent, entities) : [],
      text ? this.similarTickets(caller, queryTerms, entities) : [],
      text ? this.cannedFor(caller, queryTerms) : [],
    ]);
    const empathy: AssistCandidate[] = isEmpathyEmotion(parse.emotion.label) && parse.emotion.score >= MIN_EMOTION_SCORE
      ? [{ kind: 'empathy', title: locale === 'en' ? 'Acknowledge the feeling' : '安抚情绪', body: empathyLine(parse.emotion.label, locale, conversationId), refId: null, score: null }]
      : [];
    const items = assemble(empathy, knowledge, passages, conversations, tickets, canned);
    return this.store.recordShown(caller, { conversationId, userId: caller.userId, messageId: message?.id ?? null }, items);
  }

  /** The bot's FAQ retriever (same index, options and synonyms as its model) with no answer threshold. */
  private retrieverOf(brain: TenantBrain): FaqRetriever | null {
    if (!this.retrievers.has(brain)) {
      const json = brain.model.toJSON();
      this.retrievers.set(brain, json.faqs.length > 0 ? FaqRetriever.build(json.faqs, json.faqOptions) : null);
    }
    return this.retrievers.get(brain) ?? null;
  }

  private async knowledgeFor(caller: CannedReplyCaller, brain: TenantBrain, text: string): Promise<AssistCandidate[]> {
    if (!text) return [];
    const fromBot = this.retrieverOf(brain)?.search(text, KNOWLEDGE_CANDIDATES).hits ?? [];
    const fromSearch = await this.knowledge.search(caller, text, KNOWLEDGE_CANDIDATES);
    const fused = new Map<string, { candidate: AssistCandidate; score: number }>();
    const vote = (key: string, weight: number, rank: number, candidate: () => AssistCandidate | null) => {
      const entry = fused.get(key);
      if (entry) entry.score += weight / (RRF_K + rank);
      else {
        const c = candidate();
        if (c) fused.set(key, { candidate: c, score: weight / (RRF_K + rank) });
      }
    };
    fromBot.forEach((hit, rank) =>
      vote(`faq:${hit.id}`, FUSION_WEIGHT.retriever, rank, () => {
        const faq = brain.faqById.get(hit.id);
        return faq ? { kind: 'faq', title: faq.question, body: faq.answer, refId: faq.id, score: null } : null;
      }),
    );
    fromSearch.forEach((hit, rank) =>
      vote(`${hit.type}:${hit.id}`, FUSION_WEIGHT.search, rank, () => {
        if (hit.type === 'faq') {
          const faq = brain.faqById.get(hit.id);
          return { kind: 'faq', title: hit.title, body: faq?.answer ?? hit.snippet, refId: hit.id, score: null };
        }
        return hit.type === 'article' ? { kind: 'article', title: hit.title, body: hit.snippet, refId: hit.id, score: null } : null;
      }),
    );
    const best = (FUSION_WEIGHT.retriever + FUSION_WEIGHT.search) / RRF_K;
    return [...fused.values()].sort((a, b) => b.score - a.score).map((f) => ({ ...f.candidate, score: round(f.score / best) }));
  }

  /** The documents' passages for the message, as the bot's retrieval ranks them, each with its link. */
  private async passagesFor(caller: CannedReplyCaller, text: string): Promise<AssistCandidate[]> {
    const hits = (await this.passages?.search(caller, text, QUOTA.passages + 1)) ?? [];
    return hits.map((h) => ({ kind: 'passage', title: h.headline, body: h.excerpt, refId: h.passageId, score: round(h.confidence), link: h.citation.link }));
  }

  /** Closed conversations an agent answered (not spam), most recent first, scored by words, intent and shared numbers. */
  private async similarConversations(caller: CannedReplyCaller, currentId: string, queryTerms: Set<string>, intent: string | null, entities: string[]): Promise<AssistCandidate[]> {
    const rows = await this.db
      .selectFrom('conversations as c')
      .select((eb) => [
        'c.id',
        eb
          .selectFrom(
            eb
              .selectFrom('messages as m')
              .select('m.text')
              .whereRef('m.conversation_id', '=', 'c.id')
              .where('m.tenant_id', '=', caller.tenantId)
              .where('m.sender_type', '=', 'visitor')
              .orderBy('m.seq')
              .limit(8)
              .as('v'),
          )
          .select(sql<string>`string_agg(v.text, ' ')`.as('t'))
          .as('visitor_text'),
        eb
          .selectFrom('messages as m')
          .select('m.text')
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.tenant_id', '=', caller.tenantId)
          .where('m.sender_type', '=', 'agent')
          .where('m.internal', '=', false)
          .orderBy('m.seq', 'desc')
          .limit(1)
          .as('agent_reply'),
        eb
          .selectFrom('messages as m')
          .select(sql<string>`m.meta -> 'record' ->> 'intent'`.as('i'))
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.tenant_id', '=', caller.tenantId)
          .where('m.sender_type', '=', 'bot')
          .where(sql<boolean>`m.meta -> 'record' ->> 'intent' is not null`)
          .orderBy('m.seq', 'desc')
          .limit(1)
          .as('intent'),
      ])
      .where('c.tenant_id', '=', caller.tenantId)
      .where('c.status', '=', 'closed')
      .where('c.id', '!=', currentId)
      .where((eb) => eb.or([eb('c.disposition', 'is', null), eb('c.disposition', '!=', 'spam')]))
      .orderBy('c.updated_at', 'desc')
      .limit(CASES_COMPARED)
      .execute();
    return rows
      .filter((r) => r.agent_reply && r.visitor_text)
      .map((r) => ({ r, score: caseScore(queryTerms, r.visitor_text!, intent !== null && r.intent === intent, entities) }))
      .filter((s) => s.score >= MIN_CASE_SCORE)
      .sort((a, b) => b.score - a.score)
      .map(({ r, score }) => ({ kind: 'similar_conversation' as const, title: clip(r.visitor_text!, 40), body: clip(r.agent_reply!, SNIPPET_CHARS), refId: r.id, score: round(score) }));
  }

  /** Resolved or closed tickets, most recent first, with the last public agent reply as the answer that worked. */
  private async similarTickets(caller: CannedReplyCaller, queryTerms: Set<string>, entities: string[]): Promise<AssistCandidate[]> {
    const rows = await this.db
      .selectFrom('tickets as t')
      .select((eb) => [
        't.id',
        't.number',
        't.subject',
        't.description',
        eb
          .selectFrom('ticket_events as e')
          .select('e.body')
          .whereRef('e.ticket_id', '=', 't.id')
          .where('e.tenant_id', '=', caller.tenantId)
          .where('e.actor_type', '=', 'agent')
          .where('e.public', '=', true)
          .where('e.body', 'is not', null)
          .orderBy('e.seq', 'desc')
          .limit(1)
          .as('reply'),
      ])
      .where('t.tenant_id', '=', caller.tenantId)
      .where('t.status', 'in', ['resolved', 'closed'])
      .where('t.merged_into_id', 'is', null)
      .orderBy('t.updated_at', 'desc')
      .limit(CASES_COMPARED)
      .execute();
    return rows
      .map((r) => ({ r, score: caseScore(queryTerms, `${r.subject} ${r.description}`, false, entities) }))
      .filter((s) => s.score >= MIN_CASE_SCORE)
      .sort((a, b) => b.score - a.score)
      .map(({ r, score }) => ({ kind: 'similar_ticket' as const, title: `${r.number} ${clip(r.subject, 40)}`, body: clip(r.reply ?? r.description, SNIPPET_CHARS), refId: r.id, score: round(score) }));
  }

  private async cannedFor(caller: CannedReplyCaller, queryTerms: Set<string>): Promise<AssistCandidate[]> {
    const replies = await this.canned.list(caller);
    return replies
      .map((c) => ({ c, score: termSimilarity(queryTerms, termSet(`${c.title} ${c.body}`)) }))
      .filter((s) => s.score >= MIN_CANNED_SCORE)
      .sort((a, b) => b.score - a.score)
      .map(({ c, score }) => ({ kind: 'canned' as const, title: `/${c.shortcut} ${c.title}`, body: c.body, refId: c.id, score: round(score) }));
  }
}

/** Word overlap, plus a bonus for the same intent and for sharing an order/ticket number with the message. */
function caseScore(queryTerms: Set<string>, caseText: string, sameIntent: boolean, entities: readonly string[]): number {
  const words = termSimilarity(queryTerms, termSet(caseText));
  const sharesEntity = entities.some((e) => caseText.includes(e));
  return words + (sameIntent ? 0.25 : 0) + (sharesEntity ? 0.25 : 0);
}

/** The list as shown: empathy first, then each kind up to its quota, then the best of the rest, at most 8. */
function assemble(
  empathy: AssistCandidate[],
  knowledge: AssistCandidate[],
  passages: AssistCandidate[],
  conversations: AssistCandidate[],
  tickets: AssistCandidate[],
  canned: AssistCandidate[],
): AssistCandidate[] {
  const out = [
    ...empathy,
    ...knowledge.slice(0, QUOTA.knowledge),
    ...passages.slice(0, QUOTA.passages),
    ...conversations.slice(0, QUOTA.conversations),
    ...tickets.slice(0, QUOTA.tickets),
    ...canned.slice(0, QUOTA.canned),
  ];
  const rest = [...knowledge.slice(QUOTA.knowledge), ...passages.slice(QUOTA.passages), ...conversations.slice(QUOTA.conversations), ...canned.slice(QUOTA.canned)];
  rest.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  return [...out, ...rest].slice(0, MAX_SUGGESTIONS);
}

function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
