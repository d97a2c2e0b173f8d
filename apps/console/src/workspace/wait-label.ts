import type { Translate } from '../i18n/translate.js';

/**
 * A queue wait as the agent reads it: "45 秒", "3 分 05 秒", "1 小时 2 分".
 * @example waitLabel(185, t) // '3 分 05 秒'
 */
export function waitLabel(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return t('wait.seconds', { s });
  if (s < 3600) return t('wait.minutes', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
  return t('wait.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}
