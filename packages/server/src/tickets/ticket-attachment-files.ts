import { createHash } from 'node:crypto';
import { BadRequestError } from '../errors/app-error.js';
import { sniffFileType } from '../selfservice/file-type-sniffer.js';
import { safeFilename } from '../selfservice/safe-filename.js';

export const TICKET_ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type TicketAttachmentType = (typeof TICKET_ATTACHMENT_TYPES)[number];
export const MAX_TICKET_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_TICKET_ATTACHMENTS = 3;
/** Base64 is 4/3 of the bytes; three files plus the JSON around them. */
export const TICKET_UPLOAD_BODY_LIMIT = Math.ceil((MAX_TICKET_ATTACHMENT_BYTES * MAX_TICKET_ATTACHMENTS * 4) / 3) + 256 * 1024;

const EXTENSION: Record<TicketAttachmentType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'application/pdf': 'pdf' };

export interface TicketAttachmentInput {
  filename: string;
  contentType: string;
  dataBase64: string;
}

export interface TicketAttachmentFile {
  filename: string;
  contentType: TicketAttachmentType;
  size: number;
  sha256: string;
  data: Buffer;
}

/** The real type from the first bytes (GIF and WebP added to the self-service sniffer's PDF/JPEG/PNG); null for anything else. */
export function sniffTicketAttachmentType(data: Uint8Array): TicketAttachmentType | null {
  const ascii = (from: number, to: number) => Buffer.from(data.subarray(from, to)).toString('latin1');
  if (data.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (data.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return sniffFileType(data);
}

/**
 * Checks uploaded evidence before anything is stored: at most three files, each at most 5 MB, each
 * really a PNG, JPEG, GIF, WebP or PDF by its magic bytes and matching the declared type. Every
 * refusal is a 400 with a stable code and a message the customer can act on.
 * @example readTicketAttachments([{ filename: '照片.png', contentType: 'image/png', dataBase64 }])
 */
export function readTicketAttachments(inputs: readonly TicketAttachmentInput[] | undefined): TicketAttachmentFile[] {
  if (!inputs || inputs.length === 0) return [];
  if (inputs.length > MAX_TICKET_ATTACHMENTS) throw new BadRequestError(`每次最多上传 ${MAX_TICKET_ATTACHMENTS} 个附件`, 'too_many_attachments');
  return inputs.map((input) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64) || input.dataBase64.length % 4 !== 0) throw new BadRequestError(`附件「${input.filename}」的内容不是有效的 base64`, 'invalid_attachment');
    const data = Buffer.from(input.dataBase64, 'base64');
    if (data.length === 0) throw new BadRequestError(`附件「${input.filename}」是空文件`, 'invalid_attachment');
    if (data.length > MAX_TICKET_ATTACHMENT_BYTES) throw new BadRequestError(`附件「${input.filename}」超过 5 MB，请压缩后再上传`, 'attachment_too_large');
    const actual = sniffTicketAttachmentType(data);
    if (!actual) throw new BadRequestError(`附件「${input.filename}」的格式不支持，只能上传图片（PNG、JPG、GIF、WebP）或 PDF`, 'attachment_type_not_allowed');
    if (actual !== input.contentType) throw new BadRequestError(`附件「${input.filename}」的内容是 ${actual}，与声明的 ${input.contentType} 不符`, 'attachment_type_mismatch');
    return {
      filename: safeFilename(input.filename, 'application/pdf').replace(/\.pdf$/, `.${EXTENSION[actual]}`),
      contentType: actual,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
    };
  });
}
