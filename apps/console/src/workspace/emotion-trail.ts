/** A run of the same emotion over consecutive visitor turns. */
export interface EmotionRun {
  label: string;
  fromSeq: number;
  toSeq: number;
  count: number;
}

/**
 * How the visitor's emotion moved over the conversation, as runs in seq order
 * (neutral → anger ×3 → anxiety), so the context panel shows a short trail, not every turn.
 * @example emotionTrail([{ seq: 1, label: 'neutral' }, { seq: 3, label: 'anger' }, { seq: 5, label: 'anger' }]).map((r) => r.label) // ['neutral', 'anger']
 */
export function emotionTrail(emotions: ReadonlyArray<{ seq: number; label: string }>): EmotionRun[] {
  const runs: EmotionRun[] = [];
  for (const { seq, label } of [...emotions].sort((a, b) => a.seq - b.seq)) {
    const last = runs.at(-1);
    if (last && last.label === label) {
      last.toSeq = seq;
      last.count += 1;
    } else {
      runs.push({ label, fromSeq: seq, toSeq: seq, count: 1 });
    }
  }
  return runs;
}
