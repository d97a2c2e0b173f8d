import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { parseDocument, type DocumentContent } from '../parse/document-parser.js';
import { multipartBody } from '../test-support/multipart-body.js';
import { joinedPdf, manualPdf, scannedPdf } from '../test-support/sample-files.js';
import { documentOcr, OcrUnavailableError } from './document-ocr.js';
import { confidentLines, TesseractPageOcr } from './tesseract-page-ocr.js';

const LIMITS = { maxPages: 500, timeoutMs: 120_000, maxPassages: 5000 };
const passageWith = (content: DocumentContent, text: string) => content.passages.find((p) => p.text.replace(/\s/g, '').includes(text));

// Needs Debian tesseract-ocr and tesseract-ocr-chi-sim (.ci/run installs them), like the PDF tests need poppler-utils.
const ocr = TesseractPageOcr.detect();

describe('scanned PDFs: OCR with Tesseract', () => {
  let printed: Buffer;
  let scan: Buffer;
  beforeAll(async () => {
    expect(ocr, 'tesseract with chi_sim and eng is installed (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim)').not.toBeNull();
    printed = await manualPdf();
    scan = await scannedPdf(printed);
  }, 120_000);

  it('reads a scan of a Chinese manual into passages under their headings, on their pages', async () => {
    const content = await parseDocument(scan, 'pdf', LIMITS, ocr);
    expect(content.pages).toBe(3);
    expect(passageWith(content, '七天内，可以申请无理由退货')).toMatchObject({ headingPath: ['第二章 退换货'], anchor: 'page=2' });
    expect(passageWith(content, '往返运费由卖家承担')).toMatchObject({ headingPath: ['第二章 退换货', '2.1 运费'], anchor: 'page=2' });
    expect(passageWith(content, '电子发票在确认收货后二十四小时内开具')).toMatchObject({ headingPath: ['第三章 发票'], anchor: 'page=3' });
    // The running header repeats on every page and is dropped, as for a printed PDF.
    expect(content.passages.map((p) => p.text).join('\n')).not.toContain('售后服务手册');
  }, 180_000);

  it('refuses a scan without OCR instead of importing it empty, and names the scanned pages of a mixed file', async () => {
    await expect(parseDocument(scan, 'pdf', LIMITS, null)).rejects.toMatchObject({ code: 'document_ocr_unavailable', statusCode: 400, message: expect.stringMatching(/扫描件.*OCR/) });
    const mixed = await joinedPdf(printed, '1-2', scan, '3');
    await expect(parseDocument(mixed, 'pdf', LIMITS, null)).rejects.toMatchObject({ code: 'document_ocr_unavailable', message: expect.stringContaining('第 3 页是扫描图片') });
    // With OCR only the scanned page is read; the printed pages keep their text layer.
    const content = await parseDocument(mixed, 'pdf', LIMITS, ocr);
    expect(passageWith(content, '往返运费由卖家承担')).toMatchObject({ anchor: 'page=2' });
    expect(passageWith(content, '电子发票在确认收货后二十四小时内开具')).toMatchObject({ headingPath: ['第三章 发票'], anchor: 'page=3' });
  }, 180_000);

  it('refuses a scan over the OCR page limit', async () => {
    await expect(parseDocument(scan, 'pdf', { ...LIMITS, maxOcrPages: 2 }, ocr)).rejects.toMatchObject({ code: 'document_too_many_pages', message: expect.stringContaining('3 页扫描图片') });
  });
});

describe('confidentLines', () => {
  const tsv = (lines: [string, number][]) =>
    ['level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext', ...lines.map(([text, conf], i) => `5\t1\t1\t1\t${i + 1}\t1\t0\t0\t10\t10\t${conf}\t${text}`)].join('\n');

  it('drops the lines Tesseract is unsure of and lines without a letter or digit, keeping the blank lines between paragraphs', () => {
    const txt = '第二章 退换货\n— ER 个 16\n\n=\n顾客签收后七天内 ，可以退货。\n';
    expect(confidentLines(txt, tsv([['第二章', 95], ['— ER 个 16', 48], ['=', 69], ['顾客签收后七天内，可以退货。', 93]]))).toEqual(['第二章 退换货', '', '', '', '顾客签收后七天内，可以退货。', '']);
  });

  it('keeps every line with letters when the two outputs do not line up', () => {
    expect(confidentLines('甲\n乙\n', tsv([['甲', 20]]))).toEqual(['甲', '乙', '']);
  });
});

describe('documentOcr (ZHIDA_OCR)', () => {
  it('is off when configured off, absent when auto finds no binary, and stops start-up when required but missing', () => {
    expect(documentOcr({ mode: 'off', binary: 'tesseract', languages: 'chi_sim+eng' })).toBeNull();
    expect(documentOcr({ mode: 'auto', binary: '/nonexistent/tesseract', languages: 'chi_sim+eng' })).toBeNull();
    expect(() => documentOcr({ mode: 'on', binary: '/nonexistent/tesseract', languages: 'chi_sim+eng' })).toThrow(OcrUnavailableError);
    expect(documentOcr({ mode: 'auto', binary: 'tesseract', languages: 'chi_sim+eng+no_such_language' })).toBeNull();
  });
});

describe('a scanned PDF uploaded to a server without OCR', () => {
  let t: TestApp;
  let shop: TestTenant;
  let admin: StaffSession;
  beforeAll(async () => {
    t = await TestApp.start('pglite', { ocr: { mode: 'off', binary: 'tesseract', languages: 'chi_sim+eng' } });
    shop = await t.createTenant('docs-scan');
    admin = await t.login(shop, 'admin');
  }, 120_000);
  afterAll(() => t.close());

  it('answers 400 document_ocr_unavailable with a message saying what to do, and stores nothing', async () => {
    const listed = async () => ((await t.app.inject({ url: '/api/v1/documents', headers: admin.headers })).json() as { items: unknown[] }).items.length;
    const before = await listed();
    const body = multipartBody({ name: '扫描件.pdf', type: 'application/pdf', data: await scannedPdf(await manualPdf()) }, {});
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...admin.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'document_ocr_unavailable', message: expect.stringContaining('带文字层的 PDF') });
    expect(await listed()).toBe(before);
  }, 120_000);
});
