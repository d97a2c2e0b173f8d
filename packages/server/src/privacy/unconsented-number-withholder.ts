import { detectPii } from '@zhida/nlu';
import type { VisitorTextFilter } from '../conversations/visitor-text-filter.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { ConsentLedger } from './consent-ledger.js';
import type { ConsentScope } from './privacy-schema.js';

const SCOPE_OF: Partial<Record<string, 'sensitive_identity' | 'sensitive_financial'>> = { id_card: 'sensitive_identity', bank_card: 'sensitive_financial' };

// Full-width asterisks, so a withheld number can be told from one masked for staff display ('*') and its kind
// recovered without the digits: an ID keeps its region code and last four (as the staff mask does), a card only
// its last four (a card with an ID's length would otherwise read as an ID).
const WITHHELD_ID = /\d{6}＊{8}[\dXx]{4}/;
const WITHHELD_CARD = /(?<![\d＊])＊{9,15}\d{4}(?!\d)/;

/** How a number is stored while its separate consent (PIPL art. 29) is missing. */
export function withheldForm(kind: 'id_card' | 'bank_card', digits: string): string {
  return kind === 'id_card' ? `${digits.slice(0, 6)}${'＊'.repeat(8)}${digits.slice(-4)}` : `${'＊'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** The sensitive-information scopes whose numbers were withheld from `text`, ID first. */
export function withheldScopes(text: string): ('sensitive_identity' | 'sensitive_financial')[] {
  const scopes: ('sensitive_identity' | 'sensitive_financial')[] = [];
  if (WITHHELD_ID.test(text)) scopes.push('sensitive_identity');
  if (WITHHELD_CARD.test(text)) scopes.push('sensitive_financial');
  return scopes;
}

/**
 * Before a visitor message is stored: resident ID and bank card numbers the visitor has not (or no longer) given the
 * separate consent for are replaced by their withheld form, so the full number is never written — not to the
 * message, the search index, analytics or webhooks downstream. The consent gate sees the withheld form and asks for
 * the consent; the visitor sends the number again once it is given.
 */
export class UnconsentedNumberWithholder implements VisitorTextFilter {
  constructor(private readonly consents: ConsentLedger) {}

  async filter(ctx: TenantContext, visitorId: string, text: string): Promise<string> {
    const found = detectPii(text).filter((m) => SCOPE_OF[m.type]);
    if (found.length === 0) return text;
    const state = await this.consents.current(ctx, visitorId);
    let out = '';
    let last = 0;
    for (const m of found) {
      const scope: ConsentScope = SCOPE_OF[m.type]!;
      if (state[scope]?.granted) continue;
      const digits = m.text.replace(/[^\dXx]/g, '');
      out += text.slice(last, m.start) + withheldForm(m.type as 'id_card' | 'bank_card', digits);
      last = m.end;
    }
    return last === 0 ? text : out + text.slice(last);
  }
}
