import { z } from 'zod';

/**
 * One extra field a ticket category asks for (订单号, 手机号码, 故障开始日期…). The same definition
 * serves the template's categories and the tenant's edited copy; the server validates a ticket's
 * values against it.
 */
export const ticketFieldDefinitionSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  label: z.string().trim().min(1).max(50),
  type: z.enum(['text', 'phone', 'order_number', 'date', 'number', 'select']),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(50)).min(1).max(50).optional(),
});

export type TicketFieldDefinitionInput = z.input<typeof ticketFieldDefinitionSchema>;
