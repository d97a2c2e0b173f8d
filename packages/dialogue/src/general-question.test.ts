import { describe, expect, it } from 'vitest';
import { asksGeneralQuestion } from './general-question.js';
import { readUtteranceCues } from './utterance-cues.js';

const act = (label: 'question' | 'request', confidence: number) => ({ act: { label, confidence } });

describe('asksGeneralQuestion', () => {
  it('follows the NLU\'s speech act where the keyword cues miss the question ("積分會過期嗎", "能发顺丰吗🙏")', () => {
    expect(readUtteranceCues('積分會過期嗎').generalQuestion).toBe(false);
    expect(asksGeneralQuestion(act('question', 0.99), readUtteranceCues('積分會過期嗎'))).toBe(true);
    expect(asksGeneralQuestion(act('question', 0.99), readUtteranceCues('能发顺丰吗🙏'))).toBe(true);
  });

  it('follows the speech act where the keyword cues see a question in a request', () => {
    expect(asksGeneralQuestion(act('request', 0.99), readUtteranceCues('退货怎么这么麻烦，帮我退了'))).toBe(false);
  });

  it('keeps a request the NLU is barely sure of a request', () => {
    expect(asksGeneralQuestion(act('request', 0.55), readUtteranceCues('预约户籍业务'))).toBe(false);
    expect(asksGeneralQuestion(act('question', 0.55), readUtteranceCues('创业有补贴吗'))).toBe(true);
  });

  it('lets marks of the customer\'s own case overrule a question the NLU is not all but certain of', () => {
    expect(asksGeneralQuestion(act('question', 0.9), readUtteranceCues('流量还剩多少'))).toBe(false);
    expect(asksGeneralQuestion(act('question', 0.99), readUtteranceCues('流量还剩多少'))).toBe(true);
  });

  it('falls back to the keyword cues for a parse without a speech act', () => {
    expect(asksGeneralQuestion({}, readUtteranceCues('退货运费谁出？'))).toBe(true);
    expect(asksGeneralQuestion({}, readUtteranceCues('我的退款到哪了？'))).toBe(false);
  });
});
