export class WechatJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatJsonError';
  }
}

/**
 * Reads a 小程序 callback in JSON mode (数据格式 JSON): one object of flat fields, the same names as
 * the XML ones. Numbers (CreateTime, MsgId) become their decimal text, exactly as sent: a MsgId is
 * beyond a double's 2^53, and a rounded one would make two messages one to the dedupe. Nested values
 * are ignored, as the XML reader ignores nested elements.
 * @example parseWechatJson('{"MsgType":"text","Content":"你好","MsgId":23137484938393098}') // { MsgType: 'text', Content: '你好', MsgId: '23137484938393098' }
 */
export function parseWechatJson(body: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(quoteLongIntegers(body));
  } catch {
    throw new WechatJsonError('the body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new WechatJsonError('the body must be a JSON object');
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') fields[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) fields[key] = String(value);
  }
  return fields;
}

const DIGITS = /\d+/y;

/** Puts quotes around every integer literal of 16 digits or more outside strings, so JSON.parse keeps its digits. */
function quoteLongIntegers(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += json[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch >= '0' && ch <= '9') {
      DIGITS.lastIndex = i;
      const digits = DIGITS.exec(json)![0];
      // Only a whole non-negative integer: a fraction or exponent (never in WeChat's messages) stays a number.
      if (digits.length >= 16 && json[i - 1] !== '-' && !'.eE'.includes(json[i + digits.length] ?? '.')) out += `"${digits}"`;
      else out += digits;
      i += digits.length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}
