import { describe, expect, it } from 'vitest';
import { withoutTransferPromise } from './without-transfer-promise.js';

describe('withoutTransferPromise', () => {
  const meta = { kind: 'handoff', record: { intent: 'human_agent' }, risk: 'high' };

  it('replaces the promise of a transfer with an apology, keeping the turn record on the first reply', () => {
    const out = withoutTransferPromise(
      [
        { text: '非常抱歉，已为您优先转接人工客服。', quickReplies: ['好的'], meta },
        { text: '请稍候。', quickReplies: [], meta },
      ],
      'zh-CN',
    );
    expect(out).toEqual([{ text: '非常抱歉给您带来不便。', quickReplies: [], meta }]);
    expect(out.map((r) => r.text).join('')).not.toMatch(/转接/);
  });

  it('speaks English to an English visitor, and leaves an empty turn empty', () => {
    expect(withoutTransferPromise([{ text: 'Transferring you to an agent.', quickReplies: [], meta }], 'en')[0]!.text).toBe("I'm sorry for the trouble.");
    expect(withoutTransferPromise([], 'zh-CN')).toEqual([]);
  });
});

describe('withoutTransferPromise keeps what is not a promise', () => {
  const meta = { kind: 'handoff', record: { intent: 'fraud_report' }, risk: 'high' };

  it('keeps the fraud advice that came before the handoff step, with the turn record on it', () => {
    const out = withoutTransferPromise(
      [
        { text: '请立即停止与对方的任何转账，不要透露验证码和密码。', quickReplies: [], meta },
        { text: '您反映的情况涉及资金安全，已为您优先转接反欺诈专员，请稍候。', quickReplies: [], meta: { kind: 'step' } },
      ],
      'zh-CN',
    );
    expect(out).toEqual([{ text: '请立即停止与对方的任何转账，不要透露验证码和密码。', quickReplies: [], meta }]);
  });

  it('keeps the crisis hotlines and drops only the sentence that says someone is coming', () => {
    const crisis =
      '听到您这样说，我们很担心您。您现在的感受很重要，您不是一个人在面对，我们已为您最优先转接人工客服，马上会有人来陪您沟通。' +
      '如果您有伤害自己的想法，请立即拨打公开的心理援助热线：全国24小时心理援助热线 400-161-9995，北京心理危机研究与干预中心 010-82951332，或全国心理健康热线 12356。';
    const [reply] = withoutTransferPromise([{ text: crisis, quickReplies: [], meta }], 'zh-CN');
    expect(reply!.text).toContain('400-161-9995');
    expect(reply!.text).toContain('12356');
    expect(reply!.text).toContain('我们很担心您');
    expect(reply!.text).not.toMatch(/转接|马上会有人/);
  });

  it('drops an English promise sentence and keeps the rest', () => {
    const [reply] = withoutTransferPromise([{ text: 'We take this very seriously. A human agent will be with you as a priority; please hold on.', quickReplies: [], meta }], 'en');
    expect(reply!.text).toBe('We take this very seriously.');
  });
});
