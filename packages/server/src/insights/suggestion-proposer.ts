import { FaqRetriever } from '@zhida/nlu';
import type { QuestionCluster } from './question-clusterer.js';
import { questionKey } from './question-key.js';

export interface ExistingFaq {
  id: string;
  question: string;
  paraphrases: readonly string[];
  answer: string;
}

export interface Proposal {
  kind: 'new_faq' | 'paraphrase';
  /** The FAQ the paraphrases belong to (kind `paraphrase`). */
  faqId: string | null;
  question: string;
  paraphrases: { text: string; count: number }[];
  sampleCount: number;
}

export interface ProposalOptions {
  /** Clusters asked fewer times than this are not worth an FAQ yet. */
  minSamples?: number;
  maxProposals?: number;
  /** FAQ retrieval confidence at which a member question counts as "about" that FAQ. */
  matchConfidence?: number;
}

/**
 * Turns question clusters into knowledge-base proposals: a cluster that is
 * mostly about an existing FAQ (by count-weighted retrieval votes) becomes new
 * paraphrases for it; any other cluster becomes a new FAQ whose question is
 * the representative and whose paraphrases are the other members. Pure.
 * @example proposeSuggestions(clusterQuestions(texts), faqs) // [{ kind: 'new_faq', question: '礼品卡怎么用', … }]
 */
export function proposeSuggestions(clusters: readonly QuestionCluster[], faqs: readonly ExistingFaq[], options: ProposalOptions = {}): Proposal[] {
  const minSamples = options.minSamples ?? 2;
  const maxProposals = options.maxProposals ?? 20;
  const matchConfidence = options.matchConfidence ?? 0.35;
  const retriever = faqs.length > 0 ? FaqRetriever.build(faqs.map((f) => ({ id: f.id, question: f.question, paraphrases: [...f.paraphrases], answer: f.answer }))) : null;
  const faqById = new Map(faqs.map((f) => [f.id, f]));
  const proposals: Proposal[] = [];

  for (const cluster of clusters) {
    if (proposals.length >= maxProposals) break;
    if (cluster.count < minSamples) continue;
    const votes = new Map<string, number>();
    if (retriever) {
      for (const member of cluster.members) {
        const top = retriever.search(member.text, 1).hits[0];
        if (top && top.confidence >= matchConfidence) votes.set(top.id, (votes.get(top.id) ?? 0) + member.count);
      }
    }
    const [faqId, weight] = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [null, 0];
    const faq = faqId ? faqById.get(faqId) : undefined;
    if (faq && weight * 2 >= cluster.count) {
      const known = new Set([faq.question, ...faq.paraphrases].map(questionKey));
      const fresh = cluster.members.filter((m) => !known.has(questionKey(m.text)));
      if (fresh.length === 0) continue;
      proposals.push({ kind: 'paraphrase', faqId: faq.id, question: faq.question, paraphrases: fresh, sampleCount: cluster.count });
    } else {
      proposals.push({ kind: 'new_faq', faqId: null, question: cluster.representative, paraphrases: cluster.members.slice(1), sampleCount: cluster.count });
    }
  }
  return proposals;
}

