import { DocumentRejectedError } from '../document-import-errors.js';

export const DOCUMENT_MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  markdown: 'text/markdown',
  html: 'text/html',
  text: 'text/plain',
} as const;

export type DocumentFormat = keyof typeof DOCUMENT_MIME;

const EXTENSIONS: Record<string, DocumentFormat> = {
  pdf: 'pdf',
  docx: 'docx',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  txt: 'text',
  text: 'text',
};

const DECLARED: Record<string, DocumentFormat> = {
  'application/pdf': 'pdf',
  [DOCUMENT_MIME.docx]: 'docx',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
};

const SUPPORTED = 'PDF、Word（DOCX）、Markdown、HTML 或纯文本（TXT）';

/**
 * The format of an upload or a fetched URL, decided by its bytes first: a PDF must start with
 * `%PDF-`, a DOCX must be a ZIP holding `word/document.xml`, and a text format must be text (no
 * NUL bytes); the name or declared type only chooses among the text formats. A declared binary
 * type the bytes contradict is refused, so a renamed executable never reaches a parser.
 * @example detectDocumentFormat(bytes, '售后服务手册.pdf', 'application/pdf') // 'pdf'
 */
export function detectDocumentFormat(data: Buffer, name: string, declaredMime: string | null): DocumentFormat {
  if (data.length === 0) throw new DocumentRejectedError('document_empty', '文件是空的，请检查后重新上传');
  const byExtension = EXTENSIONS[extensionOf(name)];
  const byDeclared = declaredMime ? DECLARED[declaredMime.split(';')[0]!.trim().toLowerCase()] : undefined;
  const claimed = byExtension ?? byDeclared;
  const sniffed = sniff(data);
  if (sniffed === 'pdf' || sniffed === 'docx') {
    if (claimed && claimed !== sniffed) throw new DocumentRejectedError('document_type_mismatch', `文件「${name}」的内容是 ${sniffed.toUpperCase()}，与扩展名或声明的类型不符`);
    return sniffed;
  }
  if (sniffed === 'doc') throw new DocumentRejectedError('document_type_unsupported', `「${name}」是旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后再上传`);
  if (sniffed === 'binary') {
    if (claimed === 'pdf' || claimed === 'docx') throw new DocumentRejectedError('document_corrupt', `文件「${name}」不是有效的 ${claimed.toUpperCase()} 文件（文件头不符），可能已损坏`);
    throw new DocumentRejectedError('document_type_unsupported', `不支持「${name}」的文件类型，请上传 ${SUPPORTED}`);
  }
  // Text: the name or declared type says which text format; a page that starts like HTML is HTML.
  if (claimed === 'pdf' || claimed === 'docx') throw new DocumentRejectedError('document_corrupt', `文件「${name}」不是有效的 ${claimed.toUpperCase()} 文件（文件头不符），可能已损坏`);
  if (claimed) return claimed;
  if (/^\s*(<!doctype html|<html[\s>])/i.test(data.subarray(0, 512).toString('latin1'))) return 'html';
  if (!byExtension && !byDeclared && extensionOf(name) !== '') throw new DocumentRejectedError('document_type_unsupported', `不支持「${name}」的文件类型，请上传 ${SUPPORTED}`);
  return 'text';
}

function sniff(data: Buffer): 'pdf' | 'docx' | 'doc' | 'binary' | 'text' {
  // Some generators put a few bytes (a BOM, whitespace) before the header; readers accept it within 1 KB.
  if (data.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) {
    // The central directory lists every part's name; a Word document has word/document.xml.
    return data.includes('word/document.xml') ? 'docx' : 'binary';
  }
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'doc';
  const head = data.subarray(0, 8192);
  const isUtf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  if (!isUtf16 && head.includes(0)) return 'binary';
  return 'text';
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Decodes a text document: UTF-8 (with or without BOM), UTF-16 with a BOM, or else GB18030 —
 * the encoding most Chinese Windows tools still save plain text in.
 */
export function decodeDocumentText(data: Buffer): string {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}
