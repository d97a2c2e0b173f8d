import { describe, expect, it } from 'vitest';
import { CustomerSimulator } from './customer-simulator.js';

describe('simulated customer', () => {
  it('answers the first entry whose pattern matches the bot prompt, not the turn number', () => {
    const c = new CustomerSimulator([
      { when: '原因', say: ['收到的颜色和图片差太多'] },
      { when: '订单号|单号', say: ['20261101001'] },
    ]);
    expect(c.next({ text: '请提供订单号', buttons: [] })).toEqual({ kind: 'say', text: '20261101001', expect: null, faq: null, entry: 1 });
    expect(c.next({ text: '请问退货原因是？', buttons: [] })).toMatchObject({ text: '收到的颜色和图片差太多', entry: 0 });
  });

  it('prefers the earlier entry when several match', () => {
    const c = new CustomerSimulator([
      { when: '订单号', say: ['A'] },
      { when: '订单', say: ['B'] },
    ]);
    expect(c.next({ text: '请提供订单号', buttons: [] })).toMatchObject({ text: 'A' });
  });

  it('reads the buttons as part of the prompt', () => {
    const c = new CustomerSimulator([{ when: '上门取件', say: ['上门取件吧'] }]);
    expect(c.next({ text: '请选择寄回方式', buttons: ['自行寄回', '上门取件'] })).toMatchObject({ kind: 'say', text: '上门取件吧' });
  });

  it('uses each say item once, then repeats the last one', () => {
    const c = new CustomerSimulator([{ when: '订单号', say: ['123', { text: '刚才输错了，应该是 456', expect: '456' }, { text: '运费谁出', expect: '运费', faq: 'return_shipping_fee' }] }]);
    const prompt = { text: '请提供订单号', buttons: [] };
    expect(c.next(prompt)).toMatchObject({ text: '123', expect: null });
    expect(c.next(prompt)).toMatchObject({ text: '刚才输错了，应该是 456', expect: '456', faq: null });
    expect(c.next(prompt)).toMatchObject({ text: '运费谁出', expect: '运费', faq: 'return_shipping_fee' });
    expect(c.next(prompt)).toMatchObject({ text: '运费谁出', expect: '运费', faq: 'return_shipping_fee' });
  });

  it('keeps a separate cursor per entry', () => {
    const c = new CustomerSimulator([
      { when: '订单号', say: ['1', '2'] },
      { when: '原因', say: ['x', 'y'] },
    ]);
    c.next({ text: '订单号？', buttons: [] });
    expect(c.next({ text: '原因？', buttons: [] })).toMatchObject({ text: 'x' });
    expect(c.next({ text: '订单号？', buttons: [] })).toMatchObject({ text: '2' });
  });

  it('is stuck when no answer fits what the bot asked', () => {
    const c = new CustomerSimulator([{ when: '订单号', say: ['123'] }]);
    expect(c.next({ text: '抱歉，这个问题我还不太明白。', buttons: ['人工'] })).toEqual({ kind: 'stuck' });
  });
});
