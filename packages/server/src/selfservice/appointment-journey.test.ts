import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTemplateTenant, widgetChat } from '../test-support/template-tenant.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { addDays, chinaDay } from './china-calendar.js';
import { chinaWorkCalendar } from '@zhida/china-calendar';

// The government template's appointment flow, the real NLU and the demo service centre, through the widget.
describe('appointment booking on a day the centre is closed, end to end', () => {
  let t: TestApp;
  let centre: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start('pglite', {}, { demoEnterprise: true });
    centre = await provisionTemplateTenant(t, { slug: 'gov-centre', name: '示例政务中心', template: 'government' });
  });
  afterAll(() => t?.close());

  it('says why the day is closed and asks for another day instead of giving up', async () => {
    const say = (await widgetChat(t, centre)).sayText;
    // The first day off after tomorrow: a weekend, or a public holiday when one is near (never a 调休 working day).
    let closed = addDays(chinaDay(new Date()), 2);
    while (chinaWorkCalendar.isWorkingDay(closed)) closed = addDays(closed, 1);
    const [, month, day] = closed.split('-').map(Number);
    const reason = chinaWorkCalendar.holidayName(closed) === null ? '休息日' : '放假';

    expect(await say('我想预约办理户籍业务')).toContain('请问您想预约哪一天');
    const refused = await say(`${month}月${day}日`);
    expect(refused).toContain(reason);
    expect(refused).toContain('请问您想预约哪一天');
    expect(refused).not.toContain('预约系统暂时无法查询号源');
    const working = chinaWorkCalendar.nextWorkingDays(closed, 1)[0]!;
    const [, m2, d2] = working.split('-').map(Number);
    expect(await say(`${m2}月${d2}日`)).toContain('可预约的时段如下');
  });
});
