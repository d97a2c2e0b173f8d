import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../tickets/sla/business-calendar.js';
import { agentJoinedText, outsideHoursText, queuedText } from './handoff-visitor-text.js';

describe('the visitor-facing handoff texts', () => {
  it('tells the queue position and the wait in whole minutes', () => {
    expect(queuedText('zh-CN', 2, 301)).toBe('正在为您转接人工客服，前面还有 2 位，预计等待 6 分钟');
    expect(queuedText('zh-CN', 0, 0)).toBe('正在为您转接人工客服，前面还有 0 位，预计等待 1 分钟');
    expect(queuedText('en', 1, 120)).toMatch(/1 person is ahead of you; estimated wait 2 min/);
  });

  it('names the agent who joined', () => {
    expect(agentJoinedText('zh-CN', '小王')).toBe('客服 小王 已接入');
    // A name that already carries the title (the demo logins are "客服 李娜") is not given it twice.
    expect(agentJoinedText('zh-CN', '客服 李娜')).toBe('客服 李娜 已接入');
  });

  it('gives the hours and the next opening outside business hours (Beijing time)', () => {
    const calendar = new BusinessCalendar({ weeklyHours: { '1': [['09:00', '12:00'], ['13:30', '18:00']] }, followChinaHolidays: false, closures: [] });
    // Saturday 2026-12-05 20:00 Beijing → Monday 2026-12-07 09:00.
    const text = outsideHoursText('zh-CN', calendar, new Date('2026-12-05T12:00:00Z'));
    expect(text).toBe('人工客服的服务时间为 09:00–12:00、13:30–18:00，下次上线时间为 2026-12-07 09:00。您可以留言，我们会尽快回复您；也可以继续向我提问。');
  });
});
