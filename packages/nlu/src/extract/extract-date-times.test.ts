import { describe, expect, it } from 'vitest';
import { extractDateTimes } from './extract-date-times.js';

// Wednesday 25 November 2026, 10:00 in Shanghai.
const now = new Date('2026-11-25T10:00:00+08:00');

function resolve(text: string) {
  const found = extractDateTimes(text, now);
  return found.map((e) => ({ text: e.text, ...(e.normalized as object) }));
}

describe('relative days', () => {
  it.each([
    ['今天', '2026-11-25'],
    ['明天', '2026-11-26'],
    ['后天', '2026-11-27'],
    ['大后天', '2026-11-28'],
    ['昨天', '2026-11-24'],
    ['下周一', '2026-11-30'],
    ['这周五', '2026-11-27'],
    ['上周五', '2026-11-20'],
    ['下个星期三', '2026-12-02'],
    ['3月5日', '2026-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['二〇二四年三月五日', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['3号', '2026-11-03'],
  ])('resolves %s to %s as a whole day', (text, day) => {
    const [value] = resolve(text);
    expect(value).toMatchObject({ text, start: `${day}T00:00:00+08:00`, grain: 'day' });
  });

  it('gives a day range an exclusive end at the next midnight', () => {
    expect(resolve('明天')[0]).toMatchObject({ end: '2026-11-27T00:00:00+08:00' });
  });

  it('reads a bare 周一 as the coming Monday, not the one already past', () => {
    expect(resolve('周一')[0]).toMatchObject({ start: '2026-11-30T00:00:00+08:00' });
  });

  it('reads 周末 as Saturday and Sunday', () => {
    expect(resolve('下周末')[0]).toMatchObject({ start: '2026-12-05T00:00:00+08:00', end: '2026-12-07T00:00:00+08:00' });
  });

  it('rejects a date that does not exist', () => {
    expect(resolve('2月30日')).toEqual([]);
  });
});

describe('clock times', () => {
  it.each([
    ['明天下午三点', '2026-11-26T15:00:00+08:00', 'hour'],
    ['周三上午10点半', '2026-11-25T10:30:00+08:00', 'minute'],
    ['晚上八点', '2026-11-25T20:00:00+08:00', 'hour'],
    ['明天 14:00', '2026-11-26T14:00:00+08:00', 'minute'],
    ['后天早上7点一刻', '2026-11-27T07:15:00+08:00', 'minute'],
    ['中午1点', '2026-11-25T13:00:00+08:00', 'hour'],
    ['晚上12点', '2026-11-26T00:00:00+08:00', 'hour'],
    ['明晚9点', '2026-11-26T21:00:00+08:00', 'hour'],
  ])('resolves %s', (text, start, grain) => {
    expect(resolve(text)).toEqual([{ text, start, grain }]);
  });

  it('turns a day plus a part of day into an hour range', () => {
    expect(resolve('明天下午')[0]).toMatchObject({ start: '2026-11-26T12:00:00+08:00', end: '2026-11-26T18:00:00+08:00', grain: 'hour' });
  });

  it('does not read 快一点 as one o’clock', () => {
    expect(resolve('麻烦快一点发货')).toEqual([]);
  });

  it('reads a bare 六点 as a time, but not 快一点 or 三点建议', () => {
    expect(resolve('六点叫我起床')).toEqual([{ text: '六点', start: '2026-11-25T06:00:00+08:00', grain: 'hour' }]);
    expect(resolve('我有三点建议')).toEqual([]);
    expect(resolve('第二点')).toEqual([]);
  });

  it('reads 现在 as the current minute', () => {
    expect(resolve('现在还没到')).toEqual([{ text: '现在', start: '2026-11-25T10:00:00+08:00', grain: 'minute' }]);
  });

  it('leaves a trailing 的 out of the mention', () => {
    expect(resolve('今天的新闻')[0]?.text).toBe('今天');
  });

  it('does not read 3号楼 or 5号线 as days of the month', () => {
    expect(resolve('送到3号楼，坐5号线')).toEqual([]);
  });
});

describe('months and durations', () => {
  it('resolves 上个月 to the whole of October', () => {
    expect(resolve('上个月')[0]).toMatchObject({ start: '2026-10-01T00:00:00+08:00', end: '2026-11-01T00:00:00+08:00', grain: 'month' });
  });

  it('resolves 下个月初 to the first ten days of December', () => {
    expect(resolve('下个月初')[0]).toMatchObject({ start: '2026-12-01T00:00:00+08:00', end: '2026-12-11T00:00:00+08:00', grain: 'day' });
  });

  it('resolves 半小时后 and 一个半小时后 from now', () => {
    expect(resolve('半小时后')[0]).toMatchObject({ start: '2026-11-25T10:30:00+08:00', grain: 'minute' });
    expect(resolve('一个半小时后')[0]).toMatchObject({ start: '2026-11-25T11:30:00+08:00', grain: 'minute' });
  });

  it('resolves 三天后 to a day and 3天内 to a range starting now', () => {
    expect(resolve('三天后')[0]).toMatchObject({ start: '2026-11-28T00:00:00+08:00', grain: 'day' });
    expect(resolve('3天内')[0]).toMatchObject({ start: '2026-11-25T10:00:00+08:00', end: '2026-11-29T00:00:00+08:00' });
  });

  it('reports a length of time without direction as a duration', () => {
    const found = extractDateTimes('已经等了三天了，倒计时十分钟', now);
    expect(found.map((e) => [e.type, e.text, e.normalized])).toEqual([
      ['duration', '三天', { seconds: 259200, unit: '天' }],
      ['duration', '十分钟', { seconds: 600, unit: '分钟' }],
    ]);
  });

  it('resolves 五秒后 and 两年前', () => {
    expect(resolve('五秒后')[0]).toMatchObject({ start: '2026-11-25T10:00:05+08:00', grain: 'minute' });
    expect(resolve('两年前')[0]).toMatchObject({ start: '2024-11-25T00:00:00+08:00', grain: 'day' });
  });

  it('does not read 五月天 as May or 四年级 as four years', () => {
    expect(resolve('来首五月天的歌')).toEqual([]);
    expect(resolve('四年级数学')).toEqual([]);
  });

  it('rolls month arithmetic over the year end', () => {
    const late = new Date('2026-12-31T23:30:00+08:00');
    expect(extractDateTimes('下个月', late)[0]?.normalized).toMatchObject({ start: '2027-01-01T00:00:00+08:00' });
    expect(extractDateTimes('明天', late)[0]?.normalized).toMatchObject({ start: '2027-01-01T00:00:00+08:00' });
  });
});

describe('time zone', () => {
  it('resolves against Shanghai even when UTC is still on the previous day', () => {
    // 00:30 on the 26th in Shanghai is 16:30 on the 25th in UTC.
    const justAfterMidnight = new Date('2026-11-25T16:30:00Z');
    expect(extractDateTimes('今天', justAfterMidnight)[0]?.normalized).toMatchObject({ start: '2026-11-26T00:00:00+08:00' });
  });

  it('reports offsets into the text it was given', () => {
    const [e] = extractDateTimes('好的，明天下午三点见', now);
    expect(e).toMatchObject({ start: 3, end: 9, text: '明天下午三点' });
  });
});
