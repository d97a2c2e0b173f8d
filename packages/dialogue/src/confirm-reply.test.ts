import { describe, expect, it } from 'vitest';
import { readConfirmReply } from './confirm-reply.js';

describe('readConfirmReply', () => {
  it('reads a yes that says more', () => {
    for (const yes of ['没问题，提交吧', '嗯这回对了，提交', 'ok 提交', '对了，这回没错，约吧', '行，就这个', 'yeah go ahead', "that's right, submit it"]) expect(readConfirmReply(yes)).toBe('yes');
    expect(readConfirmReply('yesterday I changed the address')).toBeNull();
  });

  it('reads a refusal', () => {
    expect(readConfirmReply('不要提交')).toBe('no');
    expect(readConfirmReply('等等……我老婆说还是要的，先别取消了')).toBe('no');
    // As the NLU hands it over: punctuation normalised to spaces.
    expect(readConfirmReply('等等 我老婆说还是要的 先别取消了')).toBe('no');
  });

  it('is neither for a hedge, a change or a question', () => {
    for (const other of ['好的，不过地址改一下', '是不是要等很久', '怎么还要确认']) expect(readConfirmReply(other)).toBeNull();
    // "对了" that opens another request agrees to nothing.
    for (const other of ['对了，先帮我查下另一单的物流', '对了，顺便把发票开了']) expect(readConfirmReply(other)).toBeNull();
    // Opening with the button's word does not make a question an answer.
    for (const question of ['取消的话运费券还退给我吗', '确认之后还能改地址不？', '提交了多久能到？']) expect(readConfirmReply(question)).toBeNull();
  });

  it('reads a yes that repeats the verb of the question asked ("好，那取消" to "确定要取消订单吗？")', () => {
    expect(readConfirmReply('好，那取消', '确定要取消订单 E1 吗？取消后无法恢复。')).toBe('yes');
    expect(readConfirmReply('行，就提交吧', '确认提交吗？')).toBe('yes');
    expect(readConfirmReply('催一下', '需要我为您催促快递加急处理吗？')).toBe('yes');
    // Without that question, "好，那取消" takes the yes back.
    expect(readConfirmReply('好，那取消', '确认退货信息吗？')).toBeNull();
  });

  it('reads agreeing to the very change shown as a yes', () => {
    for (const yes of ['对，就改这个', '好，就换这个吧', '可以，确认']) expect(readConfirmReply(yes)).toBe('yes');
    expect(readConfirmReply('对，但是收件人改一下')).toBeNull();
  });
});
