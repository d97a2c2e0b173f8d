import { describe, expect, it } from 'vitest';
import { NoOtpSentError } from './otp-reader.js';
import { runSimulation, type ChatClient, type SimulationEnvironment } from './simulation-runner.js';
import type { SimulatedScript } from './simulated-user-file.js';
import type { WidgetMessage } from './widget-client.js';

const reply = (text: string, quickReplies: string[] = [], meta: Record<string, unknown> = {}): WidgetMessage => ({ id: text, seq: 0, senderType: 'bot', text, quickReplies, meta });
const handoff = (text: string) => reply(text, [], { kind: 'handoff', handoff: { reason: 'x' } });

/** A bot written as a function of what the customer typed; records what it was sent. */
function fakeEnv(bot: (text: string, n: number) => WidgetMessage[], otp?: string): { env: SimulationEnvironment; sent: string[] } {
  const sent: string[] = [];
  const client: ChatClient = { conversationId: 'c1', send: async (text) => (sent.push(text), bot(text, sent.length)) };
  return {
    sent,
    env: {
      start: async () => client,
      resolve: async (name) => (name === 'order.returnable' ? '20261101900001' : `<${name}>`),
      faqTemplateId: (id) => (id === 'uuid-fee' ? 'return_shipping_fee' : id),
      otp: async () => {
        if (otp === undefined) throw new NoOtpSentError('none');
        return otp;
      },
    },
  };
}

const returnScript = (over: Partial<SimulatedScript> = {}): SimulatedScript => ({
  id: 'return',
  kinds: ['free_text_answer'],
  goal: { description: 'return with RMA', text: 'RMA\\d{8,}', handoff: false },
  opening: '我想把上周买的鞋退了',
  answers: [
    { when: '订单号', say: ['{{order.returnable}}'] },
    { when: '原因', say: [{ text: '颜色和图片差太多，运费谁出啊', expect: '运费', faq: 'return_shipping_fee' }] },
  ],
  ...over,
});

const returnBot = (text: string): WidgetMessage[] => {
  if (text.includes('退')) return [reply('好的，请提供订单号')];
  if (/^\d+$/.test(text)) return [reply('请选择退货原因', ['尺码不合适', '与描述不符'])];
  if (text.includes('颜色')) return [reply('运费由商家承担。', [], { record: { faqId: 'uuid-fee' } }), reply('已提交，退货单号 RMA12345678')];
  return [reply('抱歉，我没明白')];
};

describe('goal-driven simulation', () => {
  it('answers what the bot asks, fills placeholders and completes on the goal text', async () => {
    const { env, sent } = fakeEnv(returnBot);
    const r = await runSimulation('ecommerce', 'dev', returnScript(), env);
    expect(r.outcome).toBe('completed');
    expect(sent).toEqual(['我想把上周买的鞋退了', '20261101900001', '颜色和图片差太多，运费谁出啊']);
    expect(r.turns[2]?.expect).toEqual({ regex: '运费', met: true });
    expect(r.turns[2]?.faq).toEqual({ id: 'return_shipping_fee', met: true });
  });

  it('records a missed expectation and goes on', async () => {
    const { env } = fakeEnv((t) => (t.includes('颜色') ? [reply('已提交，退货单号 RMA12345678')] : returnBot(t)));
    const r = await runSimulation('ecommerce', 'dev', returnScript(), env);
    expect(r.outcome).toBe('completed');
    expect(r.turns[2]?.expect).toEqual({ regex: '运费', met: false });
    expect(r.turns[2]?.faq).toEqual({ id: 'return_shipping_fee', met: false });
  });

  it('is stuck when the bot says something no answer fits, and keeps the bot text', async () => {
    const { env } = fakeEnv(() => [reply('抱歉，这个问题我还不太明白', ['人工'])]);
    const r = await runSimulation('ecommerce', 'dev', returnScript(), env);
    expect(r.outcome).toBe('stuck');
    expect(r.detail).toContain('抱歉，这个问题我还不太明白');
    expect(r.turns).toHaveLength(1);
  });

  it('counts a handoff as a misunderstanding when the goal is not a handoff', async () => {
    const { env } = fakeEnv((t, n) => (n === 2 ? [handoff('正在为您转接人工客服')] : returnBot(t)));
    const r = await runSimulation('ecommerce', 'dev', returnScript(), env);
    expect(r.outcome).toBe('misunderstood_handoff');
  });

  it('completes on the handoff when the handoff is the goal', async () => {
    const { env } = fakeEnv(() => [handoff('正在为您转接人工客服')]);
    const r = await runSimulation('ecommerce', 'dev', returnScript({ goal: { description: 'a human', handoff: true } }), env);
    expect(r.outcome).toBe('completed');
  });

  it('gives up after 14 customer messages', async () => {
    const { env, sent } = fakeEnv(() => [reply('请提供订单号')]);
    const r = await runSimulation('ecommerce', 'dev', returnScript(), env);
    expect(r.outcome).toBe('turn_limit');
    expect(sent).toHaveLength(14);
  });

  it('types the code sent in this conversation, and fails when none was sent', async () => {
    const script = returnScript({ opening: '我的卡丢了', goal: { description: 'card frozen', text: '挂失编号' }, answers: [{ when: '验证码', say: ['{{otp}}'] }] });
    const bot = (t: string) => (t === '123456' ? [reply('已挂失，挂失编号 L1')] : [reply('请输入验证码')]);
    const ok = fakeEnv(bot, '123456');
    expect((await runSimulation('finance', 'dev', script, ok.env)).outcome).toBe('completed');
    const none = fakeEnv(bot);
    expect((await runSimulation('finance', 'dev', script, none.env)).outcome).toBe('no_code');
  });
});
