import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize/normalize-text.js';
import { speechActCues } from './speech-act-cues.js';

const cues = (text: string): string[] => speechActCues(normalizeText(text), text);

describe('speech-act cues', () => {
  it('marks question particles, question words and A-not-A forms', () => {
    expect(cues('能退吗')).toContain('final-particle');
    expect(cues('运费谁出')).toContain('wh-word');
    expect(cues('能不能开发票')).toContain('a-not-a');
  });

  it('marks the customer\'s own case: 我的, 帮我, an episode, an order number', () => {
    expect(cues('我的订单到哪了')).toContain('self');
    expect(cues('帮我退了')).toContain('for-me');
    expect(cues('我昨天那笔转账到了没')).toEqual(expect.arrayContaining(['episode', 'final-particle']));
    expect(cues('订单E20261201015到哪了')).toContain('number');
  });

  it('reads the question mark from the raw text, which normalisation drops', () => {
    expect(cues('运费谁出？')).toContain('question-mark');
    expect(speechActCues(normalizeText('运费谁出？'))).not.toContain('question-mark');
  });

  it('marks a message without any cue as such, so that absence is a feature too', () => {
    expect(cues('退货')).toEqual(['none']);
  });
});
