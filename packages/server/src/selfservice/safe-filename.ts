import { EXTENSION_OF, type AllowedUploadType } from './file-type-sniffer.js';

const MAX_LENGTH = 120;

/**
 * A filename that is safe to store and to echo in a Content-Disposition header:
 * no directories, no control or markup characters, no leading dots, and an
 * extension that matches the sniffed type.
 *
 * @example safeFilename('../../etc/<b>租房合同</b>.PDF', 'application/pdf') // '租房合同.pdf'
 */
export function safeFilename(name: string, type: AllowedUploadType): string {
  const base = name.replace(/<[^>]*>/g, '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // Control characters, then markup, quotes and characters Windows forbids.
    .replace(/\p{Cc}/gu, '')
    .replace(/[<>:"'`|?*&;%\\/]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const extension = EXTENSION_OF[type];
  const stem = cleaned.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, MAX_LENGTH).trim() || 'attachment';
  return `${stem}.${extension}`;
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266), so Chinese names survive every browser. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
