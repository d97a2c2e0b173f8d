import { z } from 'zod';
import { readDate, readMonth, type Clock } from './calendar-reader.js';
import { compactDigits, halfWidth } from './half-width.js';

/** Names a flow may use in a slot's `validator` field. `slot_option` and `free_text` are handled by the slot filler. */
export const namedValidatorNameSchema = z.enum([
  'order_id',
  'mobile',
  'id_card',
  'otp_code',
  'date',
  'month',
  'card_last4',
  'email',
  'slot_option',
  'free_text',
]);

export type NamedValidatorName = z.infer<typeof namedValidatorNameSchema>;

/** Finds a value in free text and checks a value that came from an NLU entity. */
export type NamedValidator = {
  extract(text: string, clock: Clock): string | undefined;
  accepts(value: string): boolean;
  /** Canonical form of a value that came from an NLU entity (e.g. a datetime's day). */
  normalize?(value: string): string;
};

const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CARD_CHECK = '10X98765432';

/** Mainland resident id: 17 digits and an ISO 7064 MOD 11-2 check character. */
function isIdCard(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = ID_CARD_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CARD_CHECK[sum % 11] === value[17];
}

function firstMatch(pattern: RegExp, text: string, accept: (v: string) => boolean = () => true): string | undefined {
  for (const m of compactDigits(text).matchAll(pattern)) {
    const value = (m[1] ?? m[0]).toUpperCase();
    if (accept(value)) return value;
  }
  return undefined;
}

// Same shape as the NLU's default order number (letters + 8–24 digits, or 10–20 bare digits), also allowing a one-letter prefix.
const ORDER_ID = /^(?:[A-Z]{1,4}\d{8,24}|\d{10,20})$/;
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * Built-in validators, referenced from flows by name.
 * Order ids: up to four letters then 8–24 digits (`E202611250001`, `202611250001`).
 */
export const namedValidators: Record<Exclude<NamedValidatorName, 'slot_option' | 'free_text'>, NamedValidator> = {
  order_id: {
    extract: (text) => firstMatch(/(?<![A-Za-z0-9])([A-Za-z]{0,4}\d{8,24})(?![A-Za-z0-9])/g, text, (v) => ORDER_ID.test(v)),
    accepts: (value) => ORDER_ID.test(value.toUpperCase()),
    normalize: (value) => value.toUpperCase(),
  },
  mobile: {
    extract: (text) => firstMatch(/(?<!\d)(?:\+?86)?(1[3-9]\d{9})(?!\d)/g, text),
    accepts: (value) => MOBILE.test(value.replace(/^\+?86/, '')),
    normalize: (value) => value.replace(/^\+?86/, ''),
  },
  id_card: {
    extract: (text) => firstMatch(/(?<![\dXx])(\d{17}[\dXx])(?![\dXx])/g, text, isIdCard),
    accepts: (value) => isIdCard(value.toUpperCase()),
    normalize: (value) => value.toUpperCase(),
  },
  otp_code: {
    extract: (text) => firstMatch(/(?<!\d)(\d{6})(?!\d)/g, text),
    accepts: (value) => /^\d{6}$/.test(value),
  },
  date: {
    extract: (text, clock) => readDate(halfWidth(text), clock),
    accepts: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)),
    // The NLU's datetime entities carry an ISO instant in local time ("2026-11-26T15:00:00+08:00"): the day is its first ten characters.
    normalize: (value) => value.slice(0, 10),
  },
  month: {
    extract: (text, clock) => readMonth(halfWidth(text), clock),
    accepts: (value) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value),
    normalize: (value) => value.slice(0, 7),
  },
  card_last4: {
    // A whole card number also answers "the last four digits".
    extract: (text) => firstMatch(/(?<!\d)(\d{4})(?!\d)/g, text) ?? firstMatch(/(?<!\d)\d{8,15}(\d{4})(?!\d)/g, text),
    normalize: (value) => value.slice(-4),
    accepts: (value) => /^\d{4}$/.test(value),
  },
  email: {
    extract: (text) => firstMatch(/([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, text)?.toLowerCase(),
    accepts: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value),
  },
};
