import type { FaqDto } from '../kb/faq-dto.js';

export interface FaqHit {
  faq: FaqDto;
  score: number;
}

/**
 * Character-bigram overlap retrieval over FAQ questions and paraphrases.
 * Interim: replaced by the NLU engine's hybrid retrieval once it lands.
 */
export class InterimFaqIndex {
  private readonly entries: { faq: FaqDto; grams: Set<string>[] }[];

  constructor(faqs: FaqDto[]) {
    this.entries = faqs.map((faq) => ({ faq, grams: [faq.question, ...faq.paraphrases].map(bigrams) }));
  }

  search(query: string, k = 3): FaqHit[] {
    const q = bigrams(query);
    if (q.size === 0) return [];
    const hits = this.entries.map(({ faq, grams }) => ({ faq, score: Math.max(...grams.map((g) => dice(q, g))) }));
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }
}

function bigrams(text: string): Set<string> {
  const s = text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  const out = new Set<string>();
  if (s.length === 1) out.add(s);
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const g of a) if (b.has(g)) inter++;
  return (2 * inter) / (a.size + b.size || 1);
}
