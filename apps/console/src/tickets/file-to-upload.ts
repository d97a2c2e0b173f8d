import type { TicketAttachmentUpload } from '../api/api-types.js';

/** What the server accepts (it checks the magic bytes again). */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 3;

/** Why a picked file cannot be attached, or null when it can. */
export function attachmentProblem(file: { type: string; size: number }): 'wrongType' | 'tooLarge' | null {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'wrongType';
  if (file.size > MAX_ATTACHMENT_BYTES) return 'tooLarge';
  return null;
}

/** Reads a picked file into the inline upload shape of `POST /tickets/:id/replies`. */
export async function fileToUpload(file: File): Promise<TicketAttachmentUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunked: String.fromCharCode with a 5 MB spread would overflow the call stack.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return { filename: file.name, contentType: file.type, dataBase64: btoa(binary) };
}
