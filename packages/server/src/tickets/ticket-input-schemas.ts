import { z } from 'zod';
import { messageTextSchema, plainTextSchema } from '../http/common-schemas.js';
import { MAX_TICKET_ATTACHMENTS, TICKET_UPLOAD_BODY_LIMIT } from './ticket-attachment-files.js';
import { ticketFieldValuesInputSchema } from './ticket-field-values.js';

/** A ticket's description: like a chat message (no NUL, well-formed Unicode, trimmed) but up to 5000 characters. */
export const ticketDescriptionSchema = plainTextSchema(5000);
export const ticketSubjectSchema = plainTextSchema(200);
export const ticketReplyBodySchema = messageTextSchema;

export const ticketContactInputSchema = z.strictObject({
  name: plainTextSchema(100).optional(),
  phone: z.string().trim().regex(/^\+?[\d\s-]{5,20}$/, 'a phone number such as 13800001234').optional(),
  email: z.email().max(200).optional(),
});

export const ticketAttachmentInputSchema = z.strictObject({
  filename: z.string().min(1).max(255),
  contentType: z.string().min(1).max(100),
  // Size and type are checked by readTicketAttachments, which answers in words the customer understands.
  dataBase64: z.string().min(1).max(TICKET_UPLOAD_BODY_LIMIT),
});

export const ticketAttachmentsInputSchema = z
  .array(ticketAttachmentInputSchema)
  .max(10)
  .describe(`At most ${MAX_TICKET_ATTACHMENTS} files (more: 400 too_many_attachments), each ≤ 5 MB, PNG/JPEG/GIF/WebP/PDF by magic bytes`);

export { ticketFieldValuesInputSchema };
