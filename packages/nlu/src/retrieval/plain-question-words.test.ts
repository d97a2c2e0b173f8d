import { describe, expect, it } from 'vitest';
import { FaqRetriever } from './faq-retriever.js';
import { plainQuestionWords } from './plain-question-words.js';

describe('plainQuestionWords', () => {
  it.each([
    ['12345是干嘛的', '12345是干什么的'],
    ['这个干啥用', '这个干什么用'],
    ['为啥扣我钱', '为什么扣我钱'],
    ['卡丢了咋办', '卡丢了怎么办'],
    ['啥时候到', '什么时候到'],
  ])('reads %s as %s', (colloquial, plain) => {
    expect(plainQuestionWords(colloquial)).toBe(plain);
  });

  it('leaves 咋 alone where it is not "how" (咋了 = what happened)', () => {
    expect(plainQuestionWords('你咋了')).toBe('你咋了');
  });
});

describe('FAQ search with chat-style question words', () => {
  it('answers "12345是干嘛的" from "12345热线是干什么的"', () => {
    const retriever = FaqRetriever.build([
      { id: 'hotline', question: '12345热线是干什么的？', paraphrases: ['12345能投诉吗'] },
      { id: 'complaint', question: '怎么投诉办事拖延？', paraphrases: ['打12345投诉有用吗', '12345投诉多久有回复'] },
      { id: 'hours', question: '办事大厅几点上班？', paraphrases: ['周末开门吗'] },
    ]);
    const result = retriever.search('12345是干嘛的');
    expect(result.hits[0]?.id).toBe('hotline');
    expect(result.hits[0]?.confidence).toBeGreaterThan(0.6);
  });
});
