import { detectPii } from './detect-pii.js';

/** Replaces every detected piece of personal data in `text` with its masked form. */
export function maskPii(text: string): string {
  let out = '';
  let last = 0;
  for (const m of detectPii(text)) {
    out += text.slice(last, m.start) + m.masked;
    last = m.end;
  }
  return out + text.slice(last);
}
