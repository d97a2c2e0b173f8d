import { describe, expect, it } from 'vitest';
import { readConfirmReply } from './confirm-reply.js';

describe('readConfirmReply', () => {
  it('reads a yes that says more', () => {
    for (const yes of ['没问题，提交吧', '嗯这回对了，提交', 'ok 提交', '对了，这回没错，约吧', '行，就这个']) expect(readConfirmReply(yes)).toBe('yes');
  });

  it('reads a refusal', () => {
    expect(readConfirmReply('不要提交')).toBe('no');
    expect(readConfirmReply('等等……我老婆说还是要的，先别取消了')).toBe('no');
    // As the NLU hands it over: punctuation normalised to spaces.
    expect(readConfirmReply('等等 我老婆说还是要的 先别取消了')).toBe('no');
  });

  it('is neither for a hedge, a change or a question', () => {
    for (const other of ['好的，不过地址改一下', '是不是要等很久', '怎么还要确认']) expect(readConfirmReply(other)).toBeNull();
  });
});
