import type { TicketCategory, TicketField } from './customer-ticket-schema.js';

/** The server's limits (docs/design/tickets.md): checked here first so the visitor hears at once, not after an upload. */
export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_DESCRIPTION_LENGTH = 4000;
const MAX_FIELD_LENGTH = 200;

/** Types the server accepts (it checks the magic bytes too); keyed by extension for browsers that leave `type` empty. */
const ALLOWED_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

export type TicketFormProblem =
  | 'required'
  | 'too_long'
  | 'invalid_mobile'
  | 'invalid_phone'
  | 'invalid_email'
  | 'invalid_order_number'
  | 'invalid_date'
  | 'invalid_number'
  | 'invalid_option';

export type AttachmentProblem = 'too_many' | 'wrong_type' | 'too_large' | 'empty';

/** What the visitor typed, all as strings, exactly as the form holds it. */
export interface TicketFormInput {
  categoryId: string;
  description: string;
  contact: { name: string; phone: string; email: string };
  /** Extra field values by field key. */
  fields: Record<string, string>;
}

/** A form ready to submit: trimmed, number fields as numbers, empty optional answers left out. */
export interface ValidTicketForm {
  categoryId: string;
  description: string;
  contact: { name?: string; phone?: string; email?: string };
  fields: Record<string, string | number>;
}

export type TicketFormResult = { ok: true; value: ValidTicketForm } | { ok: false; problems: Record<string, TicketFormProblem> };

/**
 * Checks the 提交工单 form against the chosen category. Problems are keyed by input:
 * `categoryId`, `description`, `contact.name|phone|email`, `fields.<key>`.
 *
 * @example validateTicketForm({ categoryId: '', description: '', contact: { name: '', phone: '123', email: '' }, fields: {} }, undefined)
 * // { ok: false, problems: { categoryId: 'required', description: 'required', 'contact.phone': 'invalid_mobile' } }
 */
export function validateTicketForm(input: TicketFormInput, category: TicketCategory | undefined): TicketFormResult {
  const problems: Record<string, TicketFormProblem> = {};
  const value: ValidTicketForm = { categoryId: input.categoryId, description: input.description.trim(), contact: {}, fields: {} };

  if (!input.categoryId || !category) problems.categoryId = 'required';
  if (!value.description) problems.description = 'required';
  else if (value.description.length > MAX_DESCRIPTION_LENGTH) problems.description = 'too_long';

  const name = input.contact.name.trim();
  if (name.length > 50) problems['contact.name'] = 'too_long';
  else if (name) value.contact.name = name;
  const phone = normaliseMobile(input.contact.phone);
  if (phone && !isMainlandMobile(phone)) problems['contact.phone'] = 'invalid_mobile';
  else if (phone) value.contact.phone = phone;
  const email = input.contact.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems['contact.email'] = 'invalid_email';
  else if (email) value.contact.email = email;

  for (const field of category?.fields ?? []) {
    const checked = checkField(field, input.fields[field.key] ?? '');
    if (checked.problem) problems[`fields.${field.key}`] = checked.problem;
    else if (checked.value !== undefined) value.fields[field.key] = checked.value;
  }

  return Object.keys(problems).length === 0 ? { ok: true, value } : { ok: false, problems };
}

/** 补充信息 needs words; attachments alone do not say what they show. */
export function validateReply(body: string): TicketFormProblem | null {
  const text = body.trim();
  if (!text) return 'required';
  return text.length > MAX_DESCRIPTION_LENGTH ? 'too_long' : null;
}

/**
 * A mainland China mobile number: 11 digits starting 13–19 (an optional +86/86 prefix is accepted).
 *
 * @example isMainlandMobile('138 0013 8000') // true
 */
export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(normaliseMobile(phone));
}

/**
 * A phone number as the server stores it: no spaces, no dashes in a mobile, no +86.
 *
 * @example normaliseMobile('+86 138-0013-8000') // '13800138000'
 */
export function normaliseMobile(phone: string): string {
  return stripCountryCode(normalisePhone(phone));
}

/**
 * Whether a chosen file may be attached, judged before any upload: image (png/jpeg/gif/webp) or PDF,
 * at most 5 MB, at most three per submission. Returns the content type to send when it may.
 *
 * @example checkAttachment({ name: 'a.heic', type: 'image/heic', size: 1000 }, 0) // { ok: false, problem: 'wrong_type' }
 */
export function checkAttachment(
  file: { name: string; type: string; size: number },
  alreadyChosen: number,
): { ok: true; contentType: string } | { ok: false; problem: AttachmentProblem } {
  if (alreadyChosen >= MAX_ATTACHMENTS) return { ok: false, problem: 'too_many' };
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const declared = file.type.toLowerCase();
  const allowed = Object.values(ALLOWED_TYPES);
  const contentType = allowed.includes(declared) ? declared : declared === '' ? ALLOWED_TYPES[extension] : undefined;
  if (!contentType) return { ok: false, problem: 'wrong_type' };
  if (file.size === 0) return { ok: false, problem: 'empty' };
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, problem: 'too_large' };
  return { ok: true, contentType };
}

function checkField(field: TicketField, raw: string): { problem?: TicketFormProblem; value?: string | number } {
  const text = field.type === 'phone' ? stripCountryCode(normalisePhone(raw)) : raw.trim();
  if (!text) return field.required ? { problem: 'required' } : {};
  if (text.length > MAX_FIELD_LENGTH) return { problem: 'too_long' };
  switch (field.type) {
    case 'phone':
      // A contact number for a field may be a landline (区号-号码) as well as a mobile.
      return isMainlandMobile(text) || /^0\d{2,3}-?\d{7,8}$/.test(text) ? { value: text } : { problem: 'invalid_phone' };
    case 'order_number':
      return /^[A-Za-z0-9][A-Za-z0-9-]{3,39}$/.test(text) ? { value: text } : { problem: 'invalid_order_number' };
    case 'date':
      return isCalendarDate(text) ? { value: text } : { problem: 'invalid_date' };
    case 'number': {
      const number = Number(text);
      return /^-?\d+(\.\d+)?$/.test(text) && Number.isFinite(number) ? { value: number } : { problem: 'invalid_number' };
    }
    case 'select':
      return (field.options ?? []).includes(text) ? { value: text } : { problem: 'invalid_option' };
    default:
      return { value: text };
  }
}

/** `YYYY-MM-DD` naming a real day (no 2 月 30 日). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** People type numbers with spaces and dashes ("138-0013-8000"); landlines keep their area-code dash. */
function normalisePhone(phone: string): string {
  const trimmed = phone.trim().replace(/\s+/g, '');
  return /^(\+?86)?1/.test(trimmed) ? trimmed.replace(/-/g, '') : trimmed;
}

function stripCountryCode(phone: string): string {
  return phone.replace(/^\+?86(?=1\d{10}$)/, '');
}
