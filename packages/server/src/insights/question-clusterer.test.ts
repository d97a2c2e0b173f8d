import { describe, expect, it } from 'vitest';
import { clusterQuestions } from './question-clusterer.js';
import { FALLBACK_QUESTIONS } from './test-support/fallback-questions.js';

describe('question clustering', () => {
  const clusters = clusterQuestions(FALLBACK_QUESTIONS);
  const groups = clusters.map((c) => c.members.map((m) => m.text).sort());

  it('groups the questions that ask the same thing', () => {
    expect(groups.slice(0, 4).sort()).toEqual([
      ['发票抬头写错了能修改吗', '发票抬头填错了', '发票抬头开错了怎么改', '怎么修改发票抬头', '發票抬頭可以改嗎'].sort(),
      ['礼品卡可以叠加使用吗', '礼品卡在哪里使用', '礼品卡怎么用', '怎么使用礼品卡'].sort(),
      ['可以发货到香港吗', '支持寄到香港吗', '能寄到香港吗', '香港能送吗'].sort(),
      ['积分兑换在哪里', '积分可以抵现吗', '积分怎么兑换', '积分能兑换什么'].sort(),
    ].sort());
  });

  it('leaves unrelated questions on their own', () => {
    expect(groups.slice(4)).toEqual(expect.arrayContaining([['你们是机器人吗'], ['今天天气怎么样'], ['量子力学的基本假设有哪些']]));
    expect(clusters).toHaveLength(7);
  });

  it('counts repeats and picks the most asked, Simplified wording as representative', () => {
    const gift = clusters.find((c) => c.representative.startsWith('礼品卡'))!;
    expect(gift).toMatchObject({ representative: '礼品卡怎么用', count: 5 });
    expect(gift.members[0]).toEqual({ text: '礼品卡怎么用', count: 2 });
    expect(clusters.find((c) => c.members.some((m) => m.text === '發票抬頭可以改嗎'))!.representative).not.toBe('發票抬頭可以改嗎');
  });

  it('gives the same clusters whatever the input order', () => {
    const reversed = clusterQuestions([...FALLBACK_QUESTIONS].reverse());
    expect(reversed.map((c) => c.members.map((m) => m.text).sort())).toEqual(groups);
  });

  it('ignores empty and punctuation-only questions', () => {
    expect(clusterQuestions(['', '？？', '   '])).toEqual([]);
  });
});
