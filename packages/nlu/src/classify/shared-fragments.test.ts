import { describe, expect, it } from 'vitest';
import { sharedFragments } from './shared-fragments.js';

const examples = [
  ...['这单不想要了帮我取消', '不想要了取消订单', '下错了不想要了', '还没发货不想要了能取消吗', '取消订单', '帮我把订单取消'].map((text) => ({ text, label: 'cancel_order' })),
  ...['收到了不想要了能退吗', '衣服不想要了怎么退货', '东西不想要了我要退货', '申请退货', '我要退货', '退货怎么寄'].map((text) => ({ text, label: 'return_request' })),
  ...['你好', '您好', '你好啊'].map((text) => ({ text, label: 'greeting' })),
  ...['今天天气不想要了', '天气不想要了', '天气怎么样不想要了'].map((text) => ({ text, label: 'oos' })),
];

describe('fragments several intents share', () => {
  it('finds a piece said alike in two intents\' utterances', () => {
    expect(sharedFragments(examples)).toContain('不想要了');
  });

  it('leaves out what one intent says alone', () => {
    const found = sharedFragments(examples);
    for (const specific of ['取消', '退货', '申请退货']) expect(found, specific).not.toContain(specific);
  });

  it('needs the piece often enough in each intent', () => {
    expect(sharedFragments(examples, { minCount: 5 })).not.toContain('不想要了');
  });

  it('does not count the labels it is told to ignore', () => {
    const onlyWithOos = [...examples.filter((e) => e.label !== 'return_request')];
    expect(sharedFragments(onlyWithOos, { ignoreLabels: ['oos'] })).not.toContain('不想要了');
    expect(sharedFragments(onlyWithOos)).toContain('不想要了');
  });

  it('never offers a whole utterance of some intent as vague', () => {
    const withWhole = [...examples, { text: '不想要了', label: 'cancel_order' }];
    expect(sharedFragments(withWhole)).not.toContain('不想要了');
  });
});
