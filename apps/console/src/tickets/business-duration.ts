import type { Translate } from '../i18n/translate.js';

/**
 * Splits business minutes into hours and minutes. No days: a business day's length depends on the
 * calendar, so "26 小时 30 分" is the honest form.
 * @example splitMinutes(150) // { hours: 2, minutes: 30 }
 */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  const whole = Math.abs(Math.trunc(total));
  return { hours: Math.floor(whole / 60), minutes: whole % 60 };
}

/**
 * A duration in the console's language: "2 小时 30 分", "45 分", "3 小时"; the sign is dropped.
 * @example formatDuration(150, t) // '2 小时 30 分'
 */
export function formatDuration(total: number, t: Translate): string {
  const { hours, minutes } = splitMinutes(total);
  if (hours === 0) return t('duration.minutes', { minutes });
  if (minutes === 0) return t('duration.hours', { hours });
  return t('duration.hoursMinutes', { hours, minutes });
}
