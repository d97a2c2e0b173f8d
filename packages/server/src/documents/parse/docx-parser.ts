import mammoth from 'mammoth';
import { DocumentRejectedError } from '../document-import-errors.js';
import type { ParsedDocument } from './document-block.js';
import { parseHtml } from './html-parser.js';

// Word's built-in heading styles, also under the names a Chinese Word gives them.
const STYLE_MAP = [1, 2, 3, 4, 5, 6].flatMap((n) => [`p[style-name='标题 ${n}'] => h${n}:fresh`, `p[style-name='Heading ${n}'] => h${n}:fresh`]).concat(["p[style-name='Title'] => h1:fresh", "p[style-name='标题'] => h1:fresh"]);

/**
 * DOCX through mammoth (semantic HTML from Word's styles: heading styles become h1–h6, tables stay
 * tables, images are dropped), then read like any HTML page.
 * @example await parseDocx(bytes) // { title: '售后服务手册', blocks: [{ kind: 'heading', level: 1, … }, …] }
 */
export async function parseDocx(data: Buffer): Promise<ParsedDocument> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: data },
      { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch {
    throw new DocumentRejectedError('document_corrupt', 'Word 文件无法打开：文件可能已损坏、加密或不是有效的 DOCX，请在 Word 中重新保存后再上传');
  }
  return parseHtml(html);
}
