import { describe, expect, it } from 'vitest';
import { ConsentingChat, ConsentNotGivenError } from './consenting-chat.js';
import type { ChatClient } from './simulation-runner.js';
import type { WidgetMessage } from './widget-client.js';

const reply = (text: string, quickReplies: string[] = [], meta: Record<string, unknown> = {}): WidgetMessage => ({ id: text, seq: 0, senderType: 'bot', text, quickReplies, meta });
const ID = '11010519491231002X';

/** The consent gate in front of a bot that books once it gets the ID: what it does with each message, and what it was sent. */
function gatedBot(options: { recordsConsent?: boolean; grantButton?: string } = {}): { chat: ChatClient; sent: string[] } {
  const sent: string[] = [];
  const grant = options.grantButton ?? '同意处理身份证号';
  let consented = false;
  const send = async (text: string): Promise<WidgetMessage[]> => {
    sent.push(text);
    if (text === grant) {
      if (options.recordsConsent !== false) consented = true;
      return [reply('已记录您的单独同意。请重新发送身份证号。', [], { kind: 'consent_recorded', scope: 'sensitive_identity' })];
    }
    if (text.includes(ID) && !consented) return [reply('需要先征得您的单独同意', [grant, '不同意处理'], { kind: 'consent_required', consentRequired: { scope: 'sensitive_identity' } })];
    if (text.includes(ID)) return [reply('请确认预约信息', ['确认', '取消'], { record: { outcome: 'answered' } })];
    return [reply('请提供身份证号', [], { record: { outcome: 'slot_filled' } })];
  };
  return { chat: { conversationId: 'c1', send }, sent };
}

describe('a visitor at the consent gate', () => {
  it('taps the consent button the bot offers, sends the message again and gets the replies to it', async () => {
    const { chat, sent } = gatedBot();
    const visitor = new ConsentingChat(chat);
    const replies = await visitor.send(ID);
    expect(sent).toEqual([ID, '同意处理身份证号', ID]);
    expect(replies.map((r) => r.text)).toEqual(['请确认预约信息']);
    expect(visitor.consented).toEqual(['同意处理身份证号']);
    // Consent is given once: the next number goes straight through.
    await visitor.send(`改成${ID}`);
    expect(sent).toHaveLength(4);
    expect(visitor.consented).toHaveLength(1);
  });

  it('passes other messages through untouched', async () => {
    const { chat, sent } = gatedBot();
    const visitor = new ConsentingChat(chat);
    expect((await visitor.send('预约')).map((r) => r.text)).toEqual(['请提供身份证号']);
    expect(sent).toEqual(['预约']);
    expect(visitor.consented).toEqual([]);
  });

  it('fails loudly when the tap records nothing or no consent button is offered, instead of looping', async () => {
    await expect(new ConsentingChat(gatedBot({ recordsConsent: false }).chat).send(ID)).rejects.toThrow(ConsentNotGivenError);
    await expect(new ConsentingChat(gatedBot({ grantButton: '好的' }).chat).send(ID)).rejects.toThrow(/no consent button/);
  });
});
