import { DocumentRejectedError } from '../document-import-errors.js';
import type { PageOcr } from '../ocr/page-ocr.js';
import type { NewPassage } from '../document-repository.js';
import { ChineseHeadingDetector } from './chinese-heading-detector.js';
import type { DocumentBlock, ParsedDocument } from './document-block.js';
import { DOCUMENT_MIME, type DocumentFormat } from './document-type.js';
import { parseDocx } from './docx-parser.js';
import { parseHtml } from './html-parser.js';
import { parseMarkdown } from './markdown-parser.js';
import { DEFAULT_SPLIT, splitPassages } from './passage-splitter.js';
import { parsePdf, type PdfLimits } from './pdf-parser.js';
import { parsePlainText } from './plain-text-parser.js';

export interface DocumentParseLimits extends PdfLimits {
  maxPassages: number;
}

export interface DocumentContent {
  mime: string;
  title: string | null;
  pages: number | null;
  passages: NewPassage[];
}

/**
 * Parses a document of a known format into passages: the format's parser, then (for formats with
 * real headings) the lone top heading taken as the title rather than repeated in every path, Chinese
 * numbering read as headings where the file has no heading markup at all, and the splitter. `ocr`
 * reads a PDF's scanned pages; without it a scan is refused (`document_ocr_unavailable`).
 * @example await parseDocument(bytes, 'markdown', limits) // { title: '售后服务手册', passages: [{ headingPath: ['第三章 退换货', '3.2 运费'], … }] }
 */
export async function parseDocument(data: Buffer, format: DocumentFormat, limits: DocumentParseLimits, ocr: PageOcr | null = null): Promise<DocumentContent> {
  const parsed = await parseByFormat(data, format, limits, ocr);
  const structured = format === 'markdown' || format === 'html' || format === 'docx';
  let { blocks, title } = parsed;
  if (structured) {
    if (!blocks.some((b) => b.kind === 'heading')) blocks = headingsFromNumbering(blocks);
    const top = blocks.filter((b) => b.kind === 'heading' && b.level === 1);
    if (top.length === 1 && blocks.findIndex((b) => b.kind === 'heading') === blocks.indexOf(top[0]!)) {
      title ??= (top[0] as { text: string }).text;
      if ((top[0] as { text: string }).text === title) blocks = blocks.filter((b) => b !== top[0]);
    }
  }
  const passages = splitPassages(blocks, { ...DEFAULT_SPLIT, anchors: format === 'pdf' ? 'page' : 'heading' });
  if (passages.length === 0) throw new DocumentRejectedError('document_no_text', '文档中没有可导入的文字内容');
  if (passages.length > limits.maxPassages) throw new DocumentRejectedError('document_too_many_passages', `文档拆分出 ${passages.length} 个段落，超过上限 ${limits.maxPassages}，请拆分后分别上传`);
  return { mime: DOCUMENT_MIME[format], title, pages: parsed.pages, passages };
}

function parseByFormat(data: Buffer, format: DocumentFormat, limits: PdfLimits, ocr: PageOcr | null): Promise<ParsedDocument> | ParsedDocument {
  switch (format) {
    case 'pdf':
      return parsePdf(data, limits, ocr);
    case 'docx':
      return parseDocx(data);
    case 'markdown':
      return parseMarkdown(data);
    case 'html':
      return parseHtml(data);
    case 'text':
      return parsePlainText(data);
  }
}

/** A Word file or page whose author numbered the headings by hand ("第一章 总则" in bold) instead of using heading styles. */
function headingsFromNumbering(blocks: DocumentBlock[]): DocumentBlock[] {
  const detector = new ChineseHeadingDetector();
  return blocks.map((b) => {
    if (b.kind !== 'paragraph' || b.text.includes('\n')) return b;
    const level = detector.levelOf(b.text);
    return level === null ? b : { kind: 'heading', level, text: b.text, ...(b.page === undefined ? {} : { page: b.page }) };
  });
}
