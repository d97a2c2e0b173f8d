import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentRejectedError, DocumentToolMissingError } from '../document-import-errors.js';
import type { PageOcr } from './page-ocr.js';

export interface TesseractOptions {
  /** The tesseract binary (Debian `tesseract-ocr`). */
  binary: string;
  /** Tesseract languages, e.g. `chi_sim+eng` (Debian `tesseract-ocr-chi-sim`; English ships with tesseract). */
  languages: string;
  /** Rendering resolution of a page; 300 dpi is what Tesseract is trained for. */
  dpi: number;
}

export const DEFAULT_TESSERACT: TesseractOptions = { binary: 'tesseract', languages: 'chi_sim+eng', dpi: 300 };

// A line Tesseract is unsure of (mean word confidence below this, 0–100) is a smudge, a stamp or a rule read as
// letters ("— ER 个 16"), not text; real print on a 150–300 dpi scan reads at 85–97.
const MIN_LINE_CONFIDENCE = 60;
const HAS_CONTENT = /[\p{L}\p{N}]/u;
const SPACE_BEFORE_CJK_PUNCT = /[ \t]+(?=[，。；：！？、）》」』])/gu;

/**
 * OCR of PDF pages with Tesseract: poppler's `pdftoppm` renders the page to a greyscale PNG, `tesseract` reads it with
 * the Chinese (simplified) and English models as one column of text (`--psm 4`: a manual's page; the automatic layout
 * took large chapter headings for pictures). Lines Tesseract is unsure of, or that hold no letter or digit, are left
 * out. One page at a time, each run under the import's per-tool timeout.
 * @example const ocr = TesseractPageOcr.detect(DEFAULT_TESSERACT); if (ocr) await ocr.readPage(file, 1, 60_000)
 */
export class TesseractPageOcr implements PageOcr {
  constructor(private readonly options: TesseractOptions = DEFAULT_TESSERACT) {}

  /**
   * The OCR when the binary runs and has every configured language, else null (the importer then refuses a scan with
   * a message saying OCR is not installed, instead of importing it empty). Called once at start-up.
   */
  static detect(options: TesseractOptions = DEFAULT_TESSERACT): TesseractPageOcr | null {
    try {
      const listed = execFileSync(options.binary, ['--list-langs'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
      const have = new Set(listed.split('\n').map((l) => l.trim()));
      return options.languages.split('+').every((l) => have.has(l)) ? new TesseractPageOcr(options) : null;
    } catch {
      return null;
    }
  }

  async readPage(pdfFile: string, page: number, timeoutMs: number): Promise<string[]> {
    const dir = await mkdtemp(join(tmpdir(), 'zhida-ocr-'));
    try {
      const prefix = join(dir, 'page');
      await run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(this.options.dpi), '-gray', '-png', pdfFile, prefix], timeoutMs);
      const image = (await readdir(dir)).find((f) => f.endsWith('.png'));
      if (!image) return [];
      const out = join(dir, 'text');
      await run(this.options.binary, [join(dir, image), out, '-l', this.options.languages, '--psm', '4', 'txt', 'tsv'], timeoutMs);
      return confidentLines(await readFile(`${out}.txt`, 'utf8'), await readFile(`${out}.tsv`, 'utf8'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/**
 * The text output's lines without those Tesseract is unsure of. The text output keeps the spaces the page has
 * ("第二章 退换货"), the TSV output has each word's confidence; both come from one recognition, the text's non-empty
 * lines in the TSV's line order. Should the two ever disagree on the number of lines, every line is kept.
 */
export function confidentLines(txt: string, tsv: string): string[] {
  const lines = new Map<string, { sum: number; words: number }>();
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells[0] !== '5' || !cells[11]?.trim()) continue;
    const key = cells.slice(2, 5).join('.');
    const line = lines.get(key) ?? { sum: 0, words: 0 };
    line.sum += Number(cells[10]);
    line.words++;
    lines.set(key, line);
  }
  const confidence = [...lines.values()].map((l) => l.sum / l.words);
  const text = txt.split('\n');
  const aligned = text.filter((l) => l.trim()).length === confidence.length;
  let i = 0;
  return text.map((raw) => {
    if (!raw.trim()) return '';
    const sure = !aligned || confidence[i++]! >= MIN_LINE_CONFIDENCE;
    return sure && HAS_CONTENT.test(raw) ? raw.replace(SPACE_BEFORE_CJK_PUNCT, '').trimEnd() : '';
  });
}

function run(tool: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, _stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') reject(new DocumentToolMissingError(`服务器缺少文字识别工具 ${tool}，请联系管理员安装：apt-get install -y tesseract-ocr tesseract-ocr-chi-sim poppler-utils`));
      else if (err?.killed) reject(new DocumentRejectedError('document_corrupt', '扫描页文字识别超时，请拆分文档或上传带文字层的 PDF'));
      else if (err) reject(new DocumentRejectedError('document_corrupt', `扫描页无法识别（${stderr.trim().split('\n').at(-1) ?? tool}），请重新扫描或上传带文字层的 PDF`));
      else resolve();
    });
  });
}
