import { describe, expect, it } from 'vitest';
import type { SlaClockDto, SlaPolicy } from '../api/api-types.js';
import { en } from '../i18n/en.js';
import { translate } from '../i18n/translate.js';
import { zhCN } from '../i18n/zh-CN.js';
import { formatDuration, splitMinutes } from './business-duration.js';
import { clockTarget, matchingPolicy, slaCountdown } from './sla-countdown.js';

const clock = (state: SlaClockDto['state'], businessMinutesLeft: number | null): SlaClockDto => ({
  clock: 'resolution',
  dueAt: '2026-12-07T10:00:00.000Z',
  metAt: null,
  state,
  businessMinutesLeft,
});

const policy = (over: Partial<SlaPolicy>): SlaPolicy => ({
  id: 'p',
  name: 'p',
  position: 0,
  priorities: [],
  categoryKeys: [],
  firstResponseMinutes: 60,
  nextResponseMinutes: 120,
  resolutionMinutes: 480,
  escalateGroupId: null,
  calendarId: null,
  active: true,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...over,
});

describe('SLA countdown', () => {
  it('runs normally while more than a fifth of the target is left', () => {
    expect(slaCountdown(clock('running', 100), 480)).toEqual({ tone: 'running', minutesLeft: 100 });
    expect(slaCountdown(clock('running', 96), 480).tone).toBe('running');
  });

  it('turns orange under 20 % of the target', () => {
    expect(slaCountdown(clock('running', 95), 480)).toEqual({ tone: 'warning', minutesLeft: 95 });
    expect(slaCountdown(clock('running', 0), 480).tone).toBe('warning');
  });

  it('never warns when the target is unknown', () => {
    expect(slaCountdown(clock('running', 1), null).tone).toBe('running');
  });

  it('is red once late, whether the server says breached or the minutes went negative', () => {
    expect(slaCountdown(clock('breached', -30), 480)).toEqual({ tone: 'breached', minutesLeft: -30 });
    expect(slaCountdown(clock('running', -1), 480).tone).toBe('breached');
  });

  it('shows paused while waiting for the customer, and stops once met', () => {
    expect(slaCountdown(clock('paused', 200), 480).tone).toBe('paused');
    expect(slaCountdown(clock('met', null), 480)).toEqual({ tone: 'met', minutesLeft: null });
    expect(slaCountdown(clock('met_late', null), 480).tone).toBe('met');
  });
});

describe('business durations', () => {
  const zh = (key: Parameters<typeof translate>[2], params?: Parameters<typeof translate>[3]) => translate(zhCN, 'zh-CN', key, params);
  const english = (key: Parameters<typeof translate>[2], params?: Parameters<typeof translate>[3]) => translate(en, 'en', key, params);

  it('splits minutes into hours and minutes, ignoring the sign', () => {
    expect(splitMinutes(150)).toEqual({ hours: 2, minutes: 30 });
    expect(splitMinutes(-61)).toEqual({ hours: 1, minutes: 1 });
    expect(splitMinutes(1590)).toEqual({ hours: 26, minutes: 30 });
  });

  it('writes hours and minutes in both languages', () => {
    expect(formatDuration(150, zh)).toBe('2 小时 30 分');
    expect(formatDuration(45, zh)).toBe('45 分钟');
    expect(formatDuration(180, zh)).toBe('3 小时');
    expect(formatDuration(-75, english)).toBe('1 h 15 min');
  });
});

describe('the policy of a row', () => {
  const policies = [
    policy({ id: 'fallback', position: 9 }),
    policy({ id: 'refund-p1', position: 1, priorities: ['P1'], categoryKeys: ['refund'], resolutionMinutes: 120 }),
    policy({ id: 'p1', position: 2, priorities: ['P1'] }),
    policy({ id: 'off', position: 0, active: false }),
  ];

  it('takes the first active policy by position whose conditions all match', () => {
    expect(matchingPolicy(policies, 'P1', 'refund')?.id).toBe('refund-p1');
    expect(matchingPolicy(policies, 'P1', 'invoice')?.id).toBe('p1');
    expect(matchingPolicy(policies, 'P3', null)?.id).toBe('fallback');
    expect(matchingPolicy([policy({ categoryKeys: ['refund'] })], 'P3', null)).toBeNull();
  });

  it('reads the target of each clock', () => {
    const p = policy({});
    expect(clockTarget(p, 'first_response')).toBe(60);
    expect(clockTarget(p, 'next_response')).toBe(120);
    expect(clockTarget(p, 'resolution')).toBe(480);
  });
});
