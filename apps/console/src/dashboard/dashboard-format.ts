/**
 * A 0–1 rate as a percentage with one decimal, or "—" when nothing was measured.
 * @example formatRate(0.4567, 'zh-CN') // '45.7%'
 */
export function formatRate(rate: number | null, locale: string): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);
}

/**
 * Seconds as the largest two units: "45秒", "3分12秒", "2小时5分" (or "45s", "3m 12s", "2h 5m").
 * @example formatSeconds(192, 'zh-CN') // '3分12秒'
 */
export function formatSeconds(seconds: number | null, locale: string): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  const zh = locale.startsWith('zh');
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  if (h > 0) return zh ? `${h}小时${m}分` : `${h}h ${m}m`;
  if (m > 0) return zh ? `${m}分${sec}秒` : `${m}m ${sec}s`;
  return zh ? `${sec}秒` : `${sec}s`;
}

/** Each step's share of the flow's first step, for the funnel (steps stay in the flow's order). */
export function funnelOf(steps: readonly { stepId: string; reached: number }[]): { stepId: string; reached: number; share: number }[] {
  const first = steps[0]?.reached ?? 0;
  return steps.map((s) => ({ ...s, share: first > 0 ? s.reached / first : 0 }));
}
