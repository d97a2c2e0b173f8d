import { searchTerms } from '../search/search-terms.js';
import { questionKey } from './question-key.js';

/** One distinct question text and how often it was asked. */
export interface QuestionCount {
  text: string;
  count: number;
}

export interface QuestionCluster {
  /** The most asked (then Simplified, then most central) member: the proposed FAQ question. */
  representative: string;
  /** Every distinct member, most asked first (the representative included). */
  members: QuestionCount[];
  /** Total number of times the cluster's questions were asked. */
  count: number;
}

export interface ClusterOptions {
  /** Average TF-IDF cosine to a cluster's members needed to join it. */
  threshold?: number;
}

/**
 * Groups visitor questions that ask the same thing, deterministically: texts
 * are normalised (繁→简, 全角→半角, punctuation), exact duplicates merged,
 * then each distinct text — most asked first — joins the cluster whose members
 * it is most similar to on average (TF-IDF cosine over the search terms:
 * topic words and Chinese character bigrams) if that reaches the threshold, else starts one.
 * @example
 * clusterQuestions(['礼品卡怎么用', '怎么使用礼品卡', '能寄到香港吗'])
 * // [{ representative: '礼品卡怎么用', members: [...2], count: 2 }, { representative: '能寄到香港吗', … }]
 */
export function clusterQuestions(questions: readonly string[], options: ClusterOptions = {}): QuestionCluster[] {
  const threshold = options.threshold ?? 0.2;
  const distinct = new Map<string, { text: string; count: number; plain: boolean; terms: Set<string> }>();
  for (const text of questions) {
    const key = questionKey(text);
    if (!key) continue;
    const seen = distinct.get(key);
    const wording = { text: text.trim(), plain: isPlain(text, key) };
    if (!seen) distinct.set(key, { ...wording, count: 1, terms: new Set(searchTerms(key)) });
    else {
      seen.count += 1;
      // The shown wording must not depend on input order.
      if (betterWording(wording, seen)) Object.assign(seen, wording);
    }
  }
  const items = [...distinct.entries()].map(([key, v]) => ({ key, ...v })).sort((a, b) => b.count - a.count || compare(a.key, b.key));

  const df = new Map<string, number>();
  for (const item of items) for (const t of item.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const vectors = items.map((item) => unitVector(item.terms, (t) => Math.log(1 + items.length / df.get(t)!)));

  const clusters: number[][] = [];
  // The average cosine to a cluster's unit vectors is the dot product with their sum over their count,
  // and only clusters sharing a term can reach the threshold: both keep large months fast.
  const sums: Map<string, number>[] = [];
  const clustersWithTerm = new Map<string, Set<number>>();
  items.forEach((_, i) => {
    const vector = vectors[i]!;
    const candidates = new Set<number>();
    for (const t of vector.keys()) for (const c of clustersWithTerm.get(t) ?? []) candidates.add(c);
    let best = -1;
    let bestSim = threshold;
    for (const c of [...candidates].sort((a, b) => a - b)) {
      const sim = cosine(vector, sums[c]!) / clusters[c]!.length;
      if (sim > bestSim || (best === -1 && sim >= bestSim)) {
        best = c;
        bestSim = sim;
      }
    }
    if (best === -1) {
      best = clusters.length;
      clusters.push([]);
      sums.push(new Map());
    }
    clusters[best]!.push(i);
    const sum = sums[best]!;
    for (const [t, w] of vector) {
      sum.set(t, (sum.get(t) ?? 0) + w);
      let owners = clustersWithTerm.get(t);
      if (!owners) clustersWithTerm.set(t, (owners = new Set()));
      owners.add(best);
    }
  });

  return clusters
    .map((members) => {
      const centrality = (i: number) => members.reduce((sum, m) => sum + (m === i ? 0 : cosine(vectors[i]!, vectors[m]!)), 0);
      const ordered = [...members].sort((a, b) => items[b]!.count - items[a]!.count || Number(items[b]!.plain) - Number(items[a]!.plain) || centrality(b) - centrality(a) || items[a]!.key.length - items[b]!.key.length || compare(items[a]!.key, items[b]!.key));
      return {
        representative: items[ordered[0]!]!.text,
        members: ordered.map((i) => ({ text: items[i]!.text, count: items[i]!.count })),
        count: members.reduce((sum, i) => sum + items[i]!.count, 0),
      };
    })
    .sort((a, b) => b.count - a.count || compare(a.representative, b.representative));
}

function betterWording(a: { text: string; plain: boolean }, b: { text: string; plain: boolean }): boolean {
  if (a.plain !== b.plain) return a.plain;
  return a.text.length !== b.text.length ? a.text.length < b.text.length : compare(a.text, b.text) < 0;
}

/** Already Simplified and lower-case: preferred as the representative over a 繁體 or full-width variant. */
function isPlain(text: string, key: string): boolean {
  return text.replace(/[\p{P}\p{S}\s]/gu, '').toLowerCase() === key;
}

function unitVector(terms: Set<string>, weight: (t: string) => number): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const t of terms) {
    const w = weight(t);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
