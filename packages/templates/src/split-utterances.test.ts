import { describe, expect, it } from 'vitest';
import { splitUtterances } from './split-utterances.js';

const numbered = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

const template = {
  intents: {
    intents: [
      { id: 'return_request', utterances: numbered('退货', 10) },
      { id: 'refund_status', utterances: numbered('退款', 7) },
    ],
    outOfScope: numbered('闲聊', 5),
  },
};

describe('hold-out split', () => {
  it('holds back every 5th utterance of every intent at 20 %', () => {
    const split = splitUtterances(template, { holdOut: 0.2 });
    expect(split.eval).toEqual([
      { id: 'return_request', utterances: ['退货5', '退货10'] },
      { id: 'refund_status', utterances: ['退款5'] },
    ]);
    expect(split.outOfScope.eval).toEqual(['闲聊5']);
  });

  it('keeps every other utterance for training, in order, with nothing shared', () => {
    const split = splitUtterances(template, { holdOut: 0.2 });
    const train = split.train.find((i) => i.id === 'return_request')!.utterances;
    expect(train).toEqual(['退货1', '退货2', '退货3', '退货4', '退货6', '退货7', '退货8', '退货9']);
    expect(split.outOfScope.train).toEqual(['闲聊1', '闲聊2', '闲聊3', '闲聊4']);
  });

  it('spreads other shares evenly too: 25 % holds back every 4th', () => {
    const split = splitUtterances(template, { holdOut: 0.25 });
    expect(split.eval[0]!.utterances).toEqual(['退货4', '退货8']);
  });

  it('gives the same split every time, so a benchmark never trains on what it reports', () => {
    expect(splitUtterances(template, { holdOut: 0.2 })).toEqual(splitUtterances(template, { holdOut: 0.2 }));
  });

  it('refuses a share outside (0, 1)', () => {
    expect(() => splitUtterances(template, { holdOut: 0 })).toThrow(RangeError);
    expect(() => splitUtterances(template, { holdOut: 1 })).toThrow(RangeError);
  });
});
