import { extractDateTimes } from './extract-date-times.js';
import type { Entity } from './entity.js';
import { findBankCards } from './find-bank-cards.js';
import { findEmailAddresses } from './find-email-addresses.js';
import { findLicencePlates } from './find-licence-plates.js';
import { findMobileNumbers } from './find-mobile-numbers.js';
import { findMoneyAmounts } from './find-money-amounts.js';
import { findOrderNumbers } from './find-order-numbers.js';
import { findPercentages } from './find-percentages.js';
import { findQuantities } from './find-quantities.js';
import { findResidentIds } from './find-resident-ids.js';
import { findTicketNumbers } from './find-ticket-numbers.js';
import { findTrackingNumbers } from './find-tracking-numbers.js';
import { foldText } from './fold-text.js';
import type { Gazetteer } from './gazetteer.js';
import { SpanOccupancy } from './span-occupancy.js';
import type { TextSpan } from './text-span.js';

export type ExtractEntitiesOptions = {
  /** Names from the tenant's knowledge graph (products, categories, stores…). */
  gazetteer?: Gazetteer;
  /** The moment relative dates are resolved against; defaults to the current time. */
  now?: Date;
  /** The tenant's order-number shape; defaults to `DEFAULT_ORDER_NUMBER_PATTERN`. */
  orderNumberPattern?: RegExp;
};

// Lower tier wins an overlap; within a tier the longer span wins. Checked identifiers come first,
// so an ID card is never also reported as a mobile number hiding inside it.
type Candidate = { entity: Entity; tier: number };

function spanEntity(type: string, s: TextSpan, original: string, confidence: number, normalized?: unknown): Entity {
  const e: Entity = { type, value: s.value, text: original.slice(s.start, s.end), start: s.start, end: s.end, confidence };
  if (normalized !== undefined) e.normalized = normalized;
  return e;
}

/**
 * Finds all entities in a customer message: identifiers (ticket, order, tracking, mobile, ID card, bank
 * card, e-mail, licence plate), money, percentages, quantities, dates and times, and knowledge-graph names.
 * Offsets refer to `text` as given; overlapping candidates are resolved so each character belongs
 * to at most one entity.
 *
 * @example extractEntities('订单DD20241125000123明天下午三点前能到吗', { now })
 * // → [{ type: 'order_number', value: 'DD20241125000123', … }, { type: 'datetime', normalized: { start: '…T15:00:00+08:00', grain: 'hour' }, … }]
 */
export function extractEntities(text: string, options: ExtractEntitiesOptions = {}): Entity[] {
  if (text.length === 0) return [];
  const folded = foldText(text);
  const now = options.now ?? new Date();
  const candidates: Candidate[] = [];
  const add = (tier: number, entity: Entity): void => {
    candidates.push({ tier, entity });
  };

  for (const s of findEmailAddresses(folded)) add(0, spanEntity('email', s, text, 0.95));
  for (const s of findResidentIds(folded)) add(0, spanEntity('id_card', s, text, s.legacy ? 0.6 : 0.97));
  for (const s of findTicketNumbers(folded)) add(0, spanEntity('ticket_number', s, text, 0.95));
  for (const s of findTrackingNumbers(folded)) add(0, spanEntity('tracking_number', s, text, 0.9, s.carrier ? { carrier: s.carrier } : undefined));
  const orders = findOrderNumbers(folded, options.orderNumberPattern);
  for (const s of orders) if (s.contextual) add(0, spanEntity('order_number', s, text, 0.9));
  for (const s of findBankCards(folded)) add(1, spanEntity('bank_card', s, text, 0.9));
  for (const s of findMobileNumbers(folded)) add(1, spanEntity('mobile', s, text, 0.9));
  for (const s of findLicencePlates(folded)) add(1, spanEntity('licence_plate', s, text, 0.85));
  for (const s of orders) if (!s.contextual) add(2, spanEntity('order_number', s, text, 0.6));
  for (const e of options.gazetteer?.find(text) ?? []) add(2, e);
  for (const e of extractDateTimes(folded, now)) add(2, { ...e, text: text.slice(e.start, e.end) });
  for (const s of findMoneyAmounts(folded)) {
    const normalized = s.approximate ? { amount: s.amount, currency: s.currency, approximate: true } : { amount: s.amount, currency: s.currency };
    add(2, spanEntity('money', s, text, s.bare ? 0.6 : 0.9, normalized));
  }
  for (const s of findPercentages(folded)) add(2, spanEntity('percent', s, text, 0.9, { percent: s.percent }));
  for (const s of findQuantities(folded)) add(3, spanEntity('quantity', s, text, 0.8, { amount: s.amount, unit: s.unit }));

  candidates.sort((a, b) => a.tier - b.tier || b.entity.end - b.entity.start - (a.entity.end - a.entity.start) || a.entity.start - b.entity.start);
  const occupancy = new SpanOccupancy(text.length);
  const kept: Entity[] = [];
  for (const { entity } of candidates) if (occupancy.claim(entity.start, entity.end)) kept.push(entity);
  return kept.sort((a, b) => a.start - b.start);
}
