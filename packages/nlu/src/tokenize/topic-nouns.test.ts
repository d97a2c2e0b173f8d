import { describe, expect, it } from 'vitest';
import { topicNouns } from './topic-nouns.js';

describe('topic nouns of a tenant', () => {
  it('lists the nouns that recur across utterances, most frequent first', () => {
    const utterances = ['宽带坏了', '宽带报修', '我的宽带不能上网', '套餐怎么变更', '套餐太贵', '宽带和套餐一起办'];
    expect(topicNouns(utterances, 2)).toEqual(['宽带', '套餐']);
  });

  it('leaves out verbs, single characters and nouns seen too rarely', () => {
    expect(topicNouns(['我要退货', '帮我退货', '退货怎么弄', '发票'], 2)).toEqual([]);
  });
});
