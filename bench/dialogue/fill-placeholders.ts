const PLACEHOLDER = /\{\{([A-Za-z0-9.]+)\}\}/g;

/**
 * Replaces every `{{name}}` in a script text with what `resolve` gives for it (a fixture, the SMS code).
 *
 * @example await fillPlaceholders('订单 {{order.returnable}}', fixtures) // → '订单 20261101900001'
 */
export async function fillPlaceholders(text: string, resolve: (name: string) => Promise<string>): Promise<string> {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out += text.slice(last, m.index) + (await resolve(m[1] as string));
    last = (m.index ?? 0) + m[0].length;
  }
  return out + text.slice(last);
}

/**
 * The placeholder names a script text uses, for checking data before a run.
 *
 * @example placeholdersIn('{{order.returnable}} 和 {{otp}}') // → ['order.returnable', 'otp']
 */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}
