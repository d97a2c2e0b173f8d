import { z } from 'zod';
import { FEATURE_GROUPS, GROUP_PREFIX, type FeatureConfig } from './feature-config.js';
import type { FeatureCounts } from './feature-extractor.js';
import { decodeFloat32, encodeFloat32 } from './typed-array-codec.js';
import type { SparseVector } from './sparse-vector.js';

export const tfidfVectorizerJsonSchema = z.object({
  vocabulary: z.array(z.string()),
  idf: z.string(),
  groupWeights: z.array(z.number()),
});
export type TfidfVectorizerJson = z.infer<typeof tfidfVectorizerJsonSchema>;

const PREFIX_TO_GROUP = new Map(FEATURE_GROUPS.map((g, i) => [GROUP_PREFIX[g], i]));
// Groups of yes/no flags rather than text: each flag present counts its group's weight, without IDF or
// normalisation, so that more evidence counts more — normalised, a message with five lexicon hits gave each
// a third of the weight of a message with one, and "什么垃圾服务，气死我了" read as neutral.
const FLAG_GROUPS = new Set([FEATURE_GROUPS.indexOf('affect')]);

/**
 * Maps named features to a fixed vocabulary with sublinear TF × smoothed IDF, L2-normalised
 * per feature group and scaled by the group's weight, so that many char n-grams cannot
 * drown out a few words.
 */
export class TfidfVectorizer {
  private constructor(
    private readonly index: Map<string, number>,
    private readonly vocabulary: string[],
    private readonly idf: Float32Array,
    private readonly groupOf: Uint8Array,
    private readonly groupWeights: number[],
  ) {}

  /** Learns vocabulary and IDF from training documents. */
  static fit(docs: readonly FeatureCounts[], config: FeatureConfig): TfidfVectorizer {
    const df = new Map<string, number>();
    for (const doc of docs) for (const key of doc.keys()) df.set(key, (df.get(key) ?? 0) + 1);
    const vocabulary = [...df.entries()]
      .filter(([, n]) => n >= config.minDf)
      .map(([k]) => k)
      .sort();
    const idf = new Float32Array(vocabulary.length);
    const n = docs.length;
    vocabulary.forEach((k, i) => {
      idf[i] = Math.log((1 + n) / (1 + (df.get(k) ?? 0))) + 1;
    });
    const w = config.weights;
    return TfidfVectorizer.build(vocabulary, idf, [w.word, w.char, w.pinyin, w.user, w.emotion, w.cue, w.affect]);
  }

  static fromJSON(json: TfidfVectorizerJson): TfidfVectorizer {
    return TfidfVectorizer.build(json.vocabulary, decodeFloat32(json.idf), json.groupWeights);
  }

  private static build(vocabulary: string[], idf: Float32Array, groupWeights: number[]): TfidfVectorizer {
    const index = new Map<string, number>();
    const groupOf = new Uint8Array(vocabulary.length);
    vocabulary.forEach((k, i) => {
      index.set(k, i);
      groupOf[i] = PREFIX_TO_GROUP.get(k.charAt(0)) ?? 0;
    });
    return new TfidfVectorizer(index, vocabulary, idf, groupOf, groupWeights);
  }

  get size(): number {
    return this.vocabulary.length;
  }

  has(feature: string): boolean {
    return this.index.has(feature);
  }

  transform(counts: FeatureCounts): SparseVector {
    const idx: number[] = [];
    for (const key of counts.keys()) {
      const i = this.index.get(key);
      if (i !== undefined) idx.push(i);
    }
    idx.sort((a, b) => a - b);
    const values = new Float32Array(idx.length);
    const norms = new Float64Array(FEATURE_GROUPS.length);
    idx.forEach((i, j) => {
      const tf = 1 + Math.log(counts.get(this.vocabulary[i] as string) ?? 1);
      const v = tf * (this.idf[i] as number);
      values[j] = v;
      norms[this.groupOf[i] as number]! += v * v;
    });
    idx.forEach((i, j) => {
      const g = this.groupOf[i] as number;
      if (FLAG_GROUPS.has(g)) {
        values[j] = this.groupWeights[g] ?? 1;
        return;
      }
      const norm = Math.sqrt(norms[g] as number);
      values[j] = norm > 0 ? ((values[j] as number) / norm) * (this.groupWeights[g] ?? 1) : 0;
    });
    return { indices: Int32Array.from(idx), values };
  }

  toJSON(): TfidfVectorizerJson {
    return { vocabulary: this.vocabulary, idf: encodeFloat32(this.idf), groupWeights: this.groupWeights };
  }
}
