import { ticketFieldDefinitionSchema } from '@zhida/templates';
import { z } from 'zod';
import { ValidationError } from '../errors/app-error.js';
import type { TicketFieldDefinition } from './ticket-schema.js';

/** A category's field definition as the admin API accepts it: the templates' own schema. */
export { ticketFieldDefinitionSchema };

/** The raw values a client sends; checked against the category's definitions by validateTicketFields. */
export const ticketFieldValuesInputSchema = z.record(z.string().max(40), z.union([z.string().max(500), z.number()])).refine((r) => Object.keys(r).length <= 30, 'at most 30 fields');

function valueSchema(def: TicketFieldDefinition): z.ZodType<string | number> {
  const text = z.string().trim();
  switch (def.type) {
    case 'text':
      return text.min(1).max(500);
    case 'phone':
      return text.regex(/^\+?[\d\s-]{5,20}$/, '请填写有效的电话号码');
    case 'order_number':
      return text.regex(/^[A-Za-z0-9-]{4,40}$/, '请填写有效的订单号');
    case 'date':
      return text.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), '日期无效');
    case 'number':
      return z.union([z.number(), text.regex(/^-?\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().finite());
    case 'select':
      return text.refine((v) => (def.options ?? []).includes(v), `请从 ${(def.options ?? []).join('、')} 中选择`);
  }
}

/**
 * Checks a ticket's `fields` against its category's definitions: required ones present, each of its
 * type, no unknown keys. Returns the cleaned values; a 400 `validation_error` names the field's label.
 * @example validateTicketFields([{ key: 'order_no', label: '订单号', type: 'order_number', required: true }], { order_no: 'E20261206001' })
 */
export function validateTicketFields(definitions: readonly TicketFieldDefinition[], values: Record<string, string | number> | undefined): Record<string, string | number> {
  const input = values ?? {};
  const out: Record<string, string | number> = {};
  for (const key of Object.keys(input)) {
    if (!definitions.some((d) => d.key === key)) throw new ValidationError(`未知的字段「${key}」`);
  }
  for (const def of definitions) {
    const raw = input[def.key];
    if (raw === undefined || raw === '') {
      if (def.required) throw new ValidationError(`请填写「${def.label}」`);
      continue;
    }
    const parsed = valueSchema(def).safeParse(raw);
    if (!parsed.success) throw new ValidationError(`「${def.label}」${parsed.error.issues[0]?.message ?? '格式不正确'}`);
    out[def.key] = parsed.data;
  }
  return out;
}
