import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DialogueManager } from './dialogue-manager.js';
import { Conversation, industryFlows } from './test-support/conversation.js';

const INDUSTRIES = ['ecommerce', 'finance', 'government', 'telecom'] as const;
type Industry = (typeof INDUSTRIES)[number];

function bot(industry: Industry): Conversation {
  const manifest = JSON.parse(readFileSync(new URL(`../../templates/${industry}/template.json`, import.meta.url), 'utf8')) as { intents: { id: string; label: { zh: string; en: string } }[] };
  return new Conversation(new DialogueManager({ flows: industryFlows(industry), intentLabels: manifest.intents, clarifyGroups: [], locale: 'zh-CN' }));
}

const ticket = (value: string) => ({ type: 'ticket_number', value, text: value });

describe.each(INDUSTRIES)('%s: "我的工单到哪了" (ticket_status)', (industry) => {
  it('looks up the number the question names and answers with what the server says about it', () => {
    const chat = bot(industry);
    const out = chat.say('GD202612060007 进度', { intent: 'ticket_status', entities: [ticket('GD202612060007')] });
    expect(out.action).toMatchObject({ name: 'tickets.status', args: { ticketNumber: 'GD202612060007' } });
    const summary = 'GD202612060007 退换货（处理中）：已派单至售后服务部，预计今天 16:00 前处理';
    const done = chat.actionSucceeds({ count: 1, ticketNumber: 'GD202612060007', statusText: '处理中', summary });
    expect(chat.text()).toContain(summary);
    expect(done.record.outcome).toBe('completed');
    expect(done.state.flow).toBeNull();
  });

  it('reads a number the NLU did not tag, in any case, from the text', () => {
    const chat = bot(industry);
    const out = chat.say('工单号gd202612050031现在什么状态', { intent: 'ticket_status' });
    expect(String(out.action?.args.ticketNumber).toUpperCase()).toBe('GD202612050031');
  });

  it('lists the open tickets when no number is given', () => {
    const chat = bot(industry);
    const out = chat.say('我的工单到哪了', { intent: 'ticket_status' });
    expect(out.action).toMatchObject({ name: 'tickets.status', args: { ticketNumber: '' } });
    const lines = ['GD202612060009 物流异常（待您补充信息）：预计明天 10:30 前处理', 'GD202612050002 投诉（处理中）：已派单至客户关系部'];
    chat.actionSucceeds({ count: 2, summary: lines.join('\n') });
    for (const line of lines) expect(chat.text()).toContain(line);
  });

  it('says "not found" for a number the visitor may not see, and takes a corrected one', () => {
    const chat = bot(industry);
    chat.say('帮我查下GD202612010018', { intent: 'ticket_status', entities: [ticket('GD202612010018')] });
    chat.actionFails('ticket_not_found', '没有找到这个工单');
    expect(chat.text()).toContain('没有找到这个工单');
    expect(chat.text()).toContain('GD202612010018');
    const retry = chat.say('GD202612010019', { entities: [ticket('GD202612010019')] });
    expect(retry.action).toMatchObject({ name: 'tickets.status', args: { ticketNumber: 'GD202612010019' } });
  });

  it('with no open ticket, says so and files one when the visitor wants it', () => {
    const chat = bot(industry);
    chat.say('我上次提交的问题有结果了吗', { intent: 'ticket_status' });
    chat.actionSucceeds({ count: 0, summary: '' });
    expect(chat.text()).toContain('没有处理中的工单');
    expect(chat.buttons().length).toBe(2);
    chat.say('是');
    const filed = chat.say('上周反映的问题一直没人联系我');
    expect(filed.action).toMatchObject({ name: 'tickets.create', args: { category: 'other', description: '上周反映的问题一直没人联系我' } });
    chat.actionSucceeds({ ticketNumber: 'GD202612060011', responseHours: 8 });
    expect(chat.text()).toContain('GD202612060011');
    expect(chat.text()).toContain('8 小时');
  });

  it('with no open ticket, lets the visitor decline', () => {
    const chat = bot(industry);
    chat.say('投诉处理得怎么样了', { intent: 'ticket_status' });
    chat.actionSucceeds({ count: 0, summary: '' });
    const out = chat.say('不用了');
    expect(out.action).toBeUndefined();
    expect(out.state.flow).toBeNull();
    expect(chat.text()).toContain('提交工单');
  });

  it('apologises and offers a person when the tickets cannot be read', () => {
    const chat = bot(industry);
    chat.say('查一下我的工单', { intent: 'ticket_status' });
    chat.actionFails('unavailable');
    expect(chat.text()).toContain('暂时查不到');
    expect(chat.buttons()).toContain('转人工');
  });
});
