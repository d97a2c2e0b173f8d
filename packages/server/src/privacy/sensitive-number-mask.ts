import { detectPii } from '@zhida/nlu';
import { roleCan } from '../auth/permissions.js';
import type { Role } from '../db/schema.js';

// The numbers PIPL art. 28 makes sensitive and an agent rarely needs in full; phones and e-mails stay readable for call-backs.
const SENSITIVE = new Set(['id_card', 'bank_card']);

/**
 * `text` with resident ID and bank card numbers masked (`110105********002X`, `622202*********0123`).
 * @example maskSensitiveNumbers('身份证11010519491231002X') // '身份证110105********002X'
 */
export function maskSensitiveNumbers(text: string): string {
  let out = '';
  let last = 0;
  for (const m of detectPii(text)) {
    if (!SENSITIVE.has(m.type)) continue;
    out += text.slice(last, m.start) + m.masked;
    last = m.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Messages as a staff role may see them: masked unless the role has `pii.reveal`. */
export function messagesForRole<T extends { text: string }>(role: Role, messages: T[]): T[] {
  if (roleCan(role, 'pii.reveal')) return messages;
  return messages.map((m) => ({ ...m, text: maskSensitiveNumbers(m.text) }));
}
