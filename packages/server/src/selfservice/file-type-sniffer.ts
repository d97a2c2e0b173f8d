/** The upload types accepted for application materials. */
export const ALLOWED_UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AllowedUploadType = (typeof ALLOWED_UPLOAD_TYPES)[number];

const SIGNATURES: { type: AllowedUploadType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * The real type of a file from its first bytes, never from its name or the
 * declared type. Null for anything that is not a PDF, JPEG or PNG.
 *
 * @example sniffFileType(Buffer.from('%PDF-1.7 …')) // 'application/pdf'
 */
export function sniffFileType(data: Uint8Array): AllowedUploadType | null {
  for (const { type, bytes } of SIGNATURES) {
    if (data.length >= bytes.length && bytes.every((b, i) => data[i] === b)) return type;
  }
  return null;
}

export const EXTENSION_OF: Record<AllowedUploadType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };
