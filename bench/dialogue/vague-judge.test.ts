import { describe, expect, it } from 'vitest';
import { judgeVague } from './vague-judge.js';

const labels = new Map([
  ['return_request', '申请退货'],
  ['exchange_request', '申请换货'],
  ['order_status', '查询订单'],
]);

describe('vague request judge', () => {
  it('is right when the bot clarifies and offers one of the listed intents', () => {
    expect(judgeVague(['return_request', 'exchange_request'], labels, { outcomes: ['clarified'], buttons: ['查询订单', '申请换货'] })).toEqual({ ok: true, clarified: true, offered: ['exchange_request'] });
  });

  it('is wrong when the clarifying question offers none of them', () => {
    expect(judgeVague(['return_request'], labels, { outcomes: ['clarified'], buttons: ['查询订单', '申请换货'] })).toEqual({ ok: false, clarified: true, offered: [] });
  });

  it('is wrong when the bot guesses instead of asking, even with the label on a button', () => {
    expect(judgeVague(['return_request'], labels, { outcomes: ['slot_filled'], buttons: ['申请退货'] })).toEqual({ ok: false, clarified: false, offered: [] });
  });

  it('needs the exact label, not a button that merely contains it', () => {
    expect(judgeVague(['return_request'], labels, { outcomes: ['clarified'], buttons: ['申请退货须知'] }).ok).toBe(false);
  });
});
