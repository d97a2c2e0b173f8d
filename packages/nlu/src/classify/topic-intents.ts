import { z } from 'zod';
import type { Candidate } from './text-classifier.js';

export const topicIntentsJsonSchema = z.record(z.string(), z.record(z.string(), z.number().min(0).max(1)));
export type TopicIntentsJson = z.infer<typeof topicIntentsJsonSchema>;

// A topic named in fewer utterances than this says too little about what its customers want.
const MIN_UTTERANCES = 2;

/**
 * What customers who name a topic go on to ask for, read off the tenant's own utterances: for "户口", the intents
 * whose utterances mention 户口, each by the share of its utterances that do. This is what a vague message about
 * the topic ("户口的问题") most likely means. The intent classifier cannot say it: given "户口" alone it is sure
 * of one intent (a softmax on a single word), and given "户口的问题" it follows 问题 to complaints.
 * @example
 * const t = TopicIntents.count([{ text: '户口迁移政策', label: 'policy' }, { text: '开户口证明', label: 'certificate' }, …], ['户口']);
 * t.distribution(['户口']) // [{ name: 'policy', confidence: 0.6 }, { name: 'certificate', confidence: 0.4 }]
 */
export class TopicIntents {
  private constructor(private readonly rates: ReadonlyMap<string, ReadonlyMap<string, number>>) {}

  /** Counts, for every topic, the share of each label's (normalised) utterances that contain it. */
  static count(examples: readonly { text: string; label: string }[], topics: readonly string[], ignoreLabels: readonly string[] = []): TopicIntents {
    const ignore = new Set(ignoreLabels);
    const sizes = new Map<string, number>();
    const counts = new Map<string, Map<string, number>>(topics.map((t) => [t, new Map()]));
    for (const { text, label } of examples) {
      if (ignore.has(label)) continue;
      sizes.set(label, (sizes.get(label) ?? 0) + 1);
      for (const [topic, byLabel] of counts) if (text.includes(topic)) byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
    }
    const rates = new Map<string, Map<string, number>>();
    for (const [topic, byLabel] of counts) {
      if ([...byLabel.values()].reduce((a, b) => a + b, 0) < MIN_UTTERANCES) continue;
      rates.set(topic, new Map([...byLabel.entries()].map(([label, n]) => [label, n / (sizes.get(label) ?? 1)])));
    }
    return new TopicIntents(rates);
  }

  static fromJSON(json: TopicIntentsJson): TopicIntents {
    return new TopicIntents(new Map(Object.entries(json).map(([topic, byLabel]) => [topic, new Map(Object.entries(byLabel))])));
  }

  /** The topics among these that it knows. */
  known(topics: readonly string[]): string[] {
    return topics.filter((t) => this.rates.has(t));
  }

  /**
   * The intents these topics lead to, each topic's rates normalised to sum 1 and averaged over the topics it
   * knows; empty when it knows none of them.
   */
  distribution(topics: readonly string[]): Candidate[] {
    const known = this.known(topics);
    const scores = new Map<string, number>();
    for (const topic of known) {
      const byLabel = this.rates.get(topic) as ReadonlyMap<string, number>;
      const total = [...byLabel.values()].reduce((a, b) => a + b, 0);
      for (const [label, rate] of byLabel) scores.set(label, (scores.get(label) ?? 0) + rate / total / known.length);
    }
    return [...scores.entries()].map(([name, confidence]) => ({ name, confidence })).sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name));
  }

  toJSON(): TopicIntentsJson {
    const rounded = (byLabel: ReadonlyMap<string, number>) => Object.fromEntries([...byLabel.entries()].map(([label, rate]) => [label, Math.round(rate * 1e5) / 1e5]));
    return Object.fromEntries([...this.rates.entries()].map(([topic, byLabel]) => [topic, rounded(byLabel)]));
  }
}
