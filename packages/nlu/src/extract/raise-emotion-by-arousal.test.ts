import { describe, expect, it } from 'vitest';
import { raiseEmotionByArousal } from './raise-emotion-by-arousal.js';

describe('raiseEmotionByArousal', () => {
  it('strengthens anger read from the words when the voice is agitated', () => {
    const raised = raiseEmotionByArousal({ label: 'anger', score: 0.6, cues: ['太慢'] }, 0.95);
    expect(raised.label).toBe('anger');
    expect(raised.score).toBeCloseTo(0.81);
    expect(raised.cues).toContain('voice_arousal');
  });

  it('changes nothing for calm speech', () => {
    const anger = { label: 'anger' as const, score: 0.6, cues: ['太慢'] };
    expect(raiseEmotionByArousal(anger, 0.5)).toBe(anger);
  });

  it('reads a neutral message as mildly anxious only when the voice is very agitated, below the anger bar', () => {
    expect(raiseEmotionByArousal({ label: 'neutral', score: 0.9, cues: [] }, 0.7).label).toBe('neutral');
    const raised = raiseEmotionByArousal({ label: 'neutral', score: 0.9, cues: [] }, 0.95);
    expect(raised.label).toBe('anxiety');
    expect(raised.score).toBeLessThanOrEqual(0.6);
  });

  it('never turns a satisfied message negative', () => {
    expect(raiseEmotionByArousal({ label: 'satisfied', score: 0.8, cues: ['谢谢'] }, 0.99).label).toBe('satisfied');
  });
});
