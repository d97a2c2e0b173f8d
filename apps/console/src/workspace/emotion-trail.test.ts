import { describe, expect, it } from 'vitest';
import { emotionTrail } from './emotion-trail.js';

describe('emotion trail', () => {
  it('folds consecutive turns of one emotion into a run, in seq order', () => {
    expect(
      emotionTrail([
        { seq: 5, label: 'anger' },
        { seq: 1, label: 'neutral' },
        { seq: 3, label: 'anger' },
        { seq: 7, label: 'anxiety' },
        { seq: 9, label: 'anger' },
      ]),
    ).toEqual([
      { label: 'neutral', fromSeq: 1, toSeq: 1, count: 1 },
      { label: 'anger', fromSeq: 3, toSeq: 5, count: 2 },
      { label: 'anxiety', fromSeq: 7, toSeq: 7, count: 1 },
      { label: 'anger', fromSeq: 9, toSeq: 9, count: 1 },
    ]);
  });

  it('is empty without emotions', () => {
    expect(emotionTrail([])).toEqual([]);
  });
});
