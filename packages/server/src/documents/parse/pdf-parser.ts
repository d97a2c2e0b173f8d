import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentRejectedError, DocumentToolMissingError } from '../document-import-errors.js';
import type { PageOcr } from '../ocr/page-ocr.js';
import type { ParsedDocument } from './document-block.js';
import { LineBlocks } from './line-blocks.js';

export interface PdfLimits {
  maxPages: number;
  /** Each poppler or OCR run is killed after this long (a hostile file must not hold a worker). */
  timeoutMs: number;
  /** At most this many scanned pages are read by OCR in one document (default {@link DEFAULT_MAX_OCR_PAGES}). */
  maxOcrPages?: number;
}

// Tesseract takes seconds per page; a 500-page scan would hold an import for most of an hour.
export const DEFAULT_MAX_OCR_PAGES = 200;

interface ToolResult {
  stdout: string;
  stderr: string;
  code: number | string | null;
}

/**
 * PDF through poppler-utils (Debian `poppler-utils`): `pdfinfo` for the page count, the title and
 * encryption, then `pdftotext -layout` for the text page by page (pages split at form feeds). A page
 * without a text layer but with an image (a scan) is read by `ocr` (Tesseract); without OCR such a
 * file is refused, never imported with pages missing. An encrypted file, a damaged one, one over the
 * page limit or one with no text at all is refused with a message saying what to do. Running headers
 * and footers (the same line at the top or bottom of most pages, page numbers ignored) are dropped;
 * laid-out tables keep their columns.
 * @example await parsePdf(bytes, { maxPages: 500, timeoutMs: 60_000 }, ocr) // { pages: 32, blocks: [{ kind: 'heading', text: '第一章 总则', page: 1 }, …] }
 */
export async function parsePdf(data: Buffer, limits: PdfLimits, ocr: PageOcr | null = null): Promise<ParsedDocument> {
  const dir = await mkdtemp(join(tmpdir(), 'zhida-pdf-'));
  const file = join(dir, 'document.pdf');
  try {
    await writeFile(file, data);
    const info = await run('pdfinfo', ['-enc', 'UTF-8', file], limits.timeoutMs);
    if (info.code !== 0) {
      if (/password/i.test(info.stderr)) throw encrypted();
      throw new DocumentRejectedError('document_corrupt', 'PDF 文件已损坏，无法读取，请重新导出后再上传');
    }
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(info.stdout)?.[1]?.trim() ?? '';
    if (/^yes/i.test(field('Encrypted'))) throw encrypted();
    const pages = Number(field('Pages'));
    if (!Number.isInteger(pages) || pages < 1) throw new DocumentRejectedError('document_corrupt', 'PDF 文件没有可读的页面，可能已损坏');
    if (pages > limits.maxPages) throw new DocumentRejectedError('document_too_many_pages', `PDF 共 ${pages} 页，超过每个文档 ${limits.maxPages} 页的上限，请拆分后分别上传`);

    const text = await run('pdftotext', ['-layout', '-enc', 'UTF-8', '-eol', 'unix', file, '-'], limits.timeoutMs);
    if (text.code !== 0) throw new DocumentRejectedError('document_corrupt', 'PDF 文件已损坏，无法提取文字，请重新导出后再上传');
    const pageLines = text.stdout.split('\f').slice(0, pages).map((page) => page.split('\n'));
    await readScannedPages(file, pageLines, limits, ocr);
    if (pageLines.every(isBlank)) {
      throw new DocumentRejectedError('document_no_text', 'PDF 中没有可提取的文字（可能是扫描件或图片），请上传带文字层的 PDF 或 Word 版本');
    }
    const repeated = runningLines(pageLines);
    const blocks = new LineBlocks({ tables: true });
    pageLines.forEach((lines, i) => blocks.addLines(lines.filter((l) => !repeated.has(normalise(l))), i + 1));
    return { title: cleanTitle(field('Title')), pages, blocks: blocks.blocks };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const isBlank = (lines: readonly string[]) => lines.join('').replace(/\s/g, '').length === 0;

/**
 * Replaces the lines of every scanned page (no text, an image) with its OCR text. A page without text or image is a
 * blank page and stays empty. Without OCR a scan is refused: importing it would leave its pages silently unanswerable.
 */
async function readScannedPages(file: string, pageLines: string[][], limits: PdfLimits, ocr: PageOcr | null): Promise<void> {
  const blank = pageLines.map((lines, i) => (isBlank(lines) ? i + 1 : 0)).filter((p) => p > 0);
  if (blank.length === 0) return;
  const images = await run('pdfimages', ['-list', file], limits.timeoutMs);
  if (images.code !== 0) throw new DocumentRejectedError('document_corrupt', 'PDF 文件已损坏，无法读取其中的图片，请重新导出后再上传');
  const withImage = new Set(images.stdout.split('\n').slice(2).map((row) => Number(row.trim().split(/\s+/)[0])));
  const scanned = blank.filter((p) => withImage.has(p));
  if (scanned.length === 0) return;
  if (!ocr) {
    const which = scanned.length === pageLines.length ? '这是扫描件（所有页面都只有图片，没有文字层）' : `第 ${pageRanges(scanned)} 页是扫描图片，没有文字层`;
    throw new DocumentRejectedError('document_ocr_unavailable', `${which}，本服务器未启用文字识别（OCR），无法导入。请上传带文字层的 PDF 或 Word 版本，或请管理员安装 tesseract-ocr 与 tesseract-ocr-chi-sim 以启用 OCR`);
  }
  const max = limits.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES;
  if (scanned.length > max) throw new DocumentRejectedError('document_too_many_pages', `PDF 有 ${scanned.length} 页扫描图片需要文字识别，超过每个文档 ${max} 页的上限，请拆分后分别上传`);
  for (const page of scanned) pageLines[page - 1] = await ocr.readPage(file, page, limits.timeoutMs);
}

/** "1-3, 7" for [1, 2, 3, 7]. */
function pageRanges(pages: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(j > i ? `${pages[i]}-${pages[j]}` : String(pages[i]));
    i = j;
  }
  return parts.join('、');
}

function encrypted(): DocumentRejectedError {
  return new DocumentRejectedError('document_encrypted', 'PDF 已加密（设有打开密码或权限密码），无法读取文字。请去除密码后重新导出再上传');
}

function run(tool: string, args: string[], timeoutMs: number): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new DocumentToolMissingError('服务器缺少 PDF 解析工具（poppler-utils），请联系管理员安装：apt-get install -y poppler-utils'));
        return;
      }
      if (err?.killed) {
        reject(new DocumentRejectedError('document_corrupt', 'PDF 解析超时，文件可能已损坏或过于复杂，请重新导出后再上传'));
        return;
      }
      resolve({ stdout, stderr, code: err ? (err.code ?? 1) : 0 });
    });
  });
}

/** The first or last line of at least half the pages (3 pages or more), compared with digits ignored: running headers and footers. */
function runningLines(pages: string[][]): Set<string> {
  if (pages.length < 3) return new Set();
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const content = lines.filter((l) => l.trim() !== '');
    const edges = new Set([...content.slice(0, 1), ...content.slice(-1)].map(normalise));
    for (const edge of edges) counts.set(edge, (counts.get(edge) ?? 0) + 1);
  }
  return new Set([...counts].filter(([line, n]) => line !== '' && n >= Math.max(3, pages.length / 2)).map(([line]) => line));
}

function normalise(line: string): string {
  return line.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Generators write their own names into Title ("Microsoft Word - 手册.docx", "untitled"); those are no title. */
function cleanTitle(title: string): string | null {
  const cleaned = title.replace(/^Microsoft (Word|PowerPoint) - /, '').replace(/\.(docx?|pptx?|xlsx?)$/i, '').trim();
  if (!cleaned || /^(untitled|无标题|document)$/i.test(cleaned)) return null;
  return cleaned;
}
