import { findBankCards } from './find-bank-cards.js';
import { findEmailAddresses } from './find-email-addresses.js';
import { findMobileNumbers } from './find-mobile-numbers.js';
import { findPostalAddresses } from './find-postal-addresses.js';
import { findResidentIds } from './find-resident-ids.js';
import { foldText } from './fold-text.js';
import type { PiiMatch } from './pii-match.js';
import { PiiMasks } from './pii-masks.js';
import { SpanOccupancy } from './span-occupancy.js';

/**
 * Finds personal data in text: resident IDs (check digit verified), mainland mobile numbers, bank
 * cards (Luhn verified), e-mail addresses and postal addresses. Where detections overlap the more
 * specific one wins, in that order: e-mail, ID, bank card, mobile, address. Offsets refer to `text`
 * as given; full-width digits are understood.
 *
 * @example detectPii('身份证11010519491231002X')[0]?.masked // → '110105********002X'
 */
export function detectPii(text: string): PiiMatch[] {
  if (text.length === 0) return [];
  const folded = foldText(text);
  const candidates: PiiMatch[] = [];
  const slice = (start: number, end: number): string => text.slice(start, end);

  for (const s of findEmailAddresses(folded)) {
    candidates.push({ type: 'email', text: slice(s.start, s.end), start: s.start, end: s.end, masked: PiiMasks.email(s.text), confidence: 0.95 });
  }
  for (const s of findResidentIds(folded)) {
    const confidence = s.legacy ? 0.6 : 0.97;
    candidates.push({ type: 'id_card', text: slice(s.start, s.end), start: s.start, end: s.end, masked: PiiMasks.residentId(s.value), confidence });
  }
  for (const s of findBankCards(folded)) {
    candidates.push({ type: 'bank_card', text: slice(s.start, s.end), start: s.start, end: s.end, masked: PiiMasks.bankCard(s.value), confidence: 0.9 });
  }
  for (const s of findMobileNumbers(folded)) {
    candidates.push({ type: 'mobile', text: slice(s.start, s.end), start: s.start, end: s.end, masked: PiiMasks.mobile(s.value, s.prefix), confidence: 0.9 });
  }
  for (const s of findPostalAddresses(folded)) {
    const original = slice(s.start, s.end);
    const confidence = s.hasAdmin ? 0.85 : 0.7;
    candidates.push({ type: 'address', text: original, start: s.start, end: s.end, masked: PiiMasks.address(original, s.keep), confidence });
  }

  // Candidates arrive in priority order; keep each one only if nothing stronger already covers it.
  const occupancy = new SpanOccupancy(text.length);
  const kept = candidates.filter((c) => occupancy.claim(c.start, c.end));
  return kept.sort((a, b) => a.start - b.start);
}
