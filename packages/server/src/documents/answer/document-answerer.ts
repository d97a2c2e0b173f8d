import type { TenantContext } from '../../tenancy/tenant-context.js';
import type { DocumentPassagePort, PassageUse } from '../document-passage-port.js';
import type { GroundedPhraser } from '../llm/grounded-phraser.js';
import { citationOf, passageHeadline, type DocumentAnswer, type DocumentChoice, type PassageSearchHit } from './document-answer.js';
import type { PassageIndexRegistry, TenantPassageIndex } from './passage-index-registry.js';

// A search or assist hit below this is a passage that merely shares a word with the query. Checked with
// `npm run bench:documents` ("Search and agent assist": answering passage shown, unanswerable questions showing none).
export const MIN_SHOWN_CONFIDENCE = 0.2;

/**
 * Answers questions from a tenant's documents: the best passage when it is confident (trimmed to the sentences that
 * answer, with its source and a link to it), otherwise a decline — never a guess. The bot, the benchmark, agent
 * assist and the search page all go through here, so they answer alike.
 * @example
 * const a = await answerer.answer({ tenantId }, '退货运费谁出');
 * if (a.kind === 'answer') reply(`${a.excerpt}\n${a.citation.label}`);
 */
export class DocumentAnswerer {
  constructor(
    private readonly indexes: PassageIndexRegistry,
    private readonly port: DocumentPassagePort,
    private readonly phraser?: GroundedPhraser,
  ) {}

  /** The extractive answer: no network, a few milliseconds. */
  async answer(ctx: TenantContext, question: string): Promise<DocumentAnswer> {
    const index = await this.indexes.get(ctx);
    if (index.retriever.size === 0) return { kind: 'no_documents' };
    const result = index.retriever.search(question, 3);
    const best = result.hits[0];
    if (!best || result.noAnswer) return { kind: 'declined', confidence: best?.confidence ?? 0, choices: result.choices.map((hit) => this.choiceOf(ctx, index, hit.id, question)!) };
    return { kind: 'answer', ...this.choiceOf(ctx, index, best.id, question)!, confidence: best.confidence, phrasing: 'extractive' };
  }

  /**
   * The answer a passage the customer picked from a clarifying choice gives to the question asked (their pick stands
   * for the confidence: 1); null when the passage is no longer enabled.
   */
  async answerFrom(ctx: TenantContext, passageId: string, question: string): Promise<Extract<DocumentAnswer, { kind: 'answer' }> | null> {
    const choice = this.choiceOf(ctx, await this.indexes.get(ctx), passageId, question);
    return choice && { kind: 'answer', ...choice, confidence: 1, phrasing: 'extractive' };
  }

  private choiceOf(ctx: TenantContext, index: TenantPassageIndex, passageId: string, question: string): DocumentChoice | null {
    const passage = index.passages.get(passageId);
    if (!passage) return null;
    return { passageId, excerpt: index.retriever.excerpt(passageId, question), citation: citationOf(passage, this.port.viewPath(ctx, passage.documentId, passage.anchor)) };
  }

  /**
   * The answer worded by the tenant's LLM from the retrieved passages when one is configured and its wording passes
   * the grounding check; otherwise the extractive answer unchanged.
   */
  async phrase(ctx: TenantContext, question: string, answer: DocumentAnswer): Promise<DocumentAnswer> {
    if (answer.kind !== 'answer' || !this.phraser) return answer;
    const index = await this.indexes.get(ctx);
    const passages = index.retriever
      .search(question, 3)
      .hits.map((h) => index.passages.get(h.id)!)
      .filter((p) => p.passageId === answer.passageId || p.documentId === answer.citation.documentId);
    const worded = await this.phraser.phrase(ctx, question, passages.length ? passages : [index.passages.get(answer.passageId)!]);
    return worded ? { ...answer, excerpt: worded, phrasing: 'llm' } : answer;
  }

  /**
   * The passages worth showing to a searching visitor or an agent, best first: below the answer threshold too (a
   * reader judges a weak hit), but not the noise of a passage sharing one word with the query.
   */
  async search(ctx: TenantContext, query: string, limit = 5): Promise<PassageSearchHit[]> {
    const index = await this.indexes.get(ctx);
    if (index.retriever.size === 0) return [];
    const found = index.retriever.search(query, limit);
    // The confidence is calibrated on questions, never on noise: a query that shares no whole word with the best
    // passage ("火星文完全无关xyz" against "…完成支付…关闭…") can still score above the floor on stray characters.
    if (!found.evidence || found.evidence.wordCoverage === 0) return [];
    const hits = found.hits.filter((h) => h.confidence >= MIN_SHOWN_CONFIDENCE);
    return hits.map((h) => {
      const passage = index.passages.get(h.id)!;
      return {
        passageId: h.id,
        headline: passageHeadline(passage),
        excerpt: index.retriever.excerpt(h.id, query),
        citation: citationOf(passage, this.port.viewPath(ctx, passage.documentId, passage.anchor)),
        confidence: h.confidence,
      };
    });
  }

  /** Records that an answer used a passage (the console lists it under the document). */
  recordUse(ctx: TenantContext, use: PassageUse): Promise<void> {
    return this.port.recordUse(ctx, use);
  }
}

/** What search and agent assist need of the answerer: the passages worth showing, and the record of one used. */
export type PassageFinder = Pick<DocumentAnswerer, 'search' | 'recordUse'>;
