import { beforeAll, describe, expect, it } from 'vitest';
import { encryptedPdf, manualDocx, manualPdf, MANUAL_HTML } from '../test-support/sample-files.js';
import { parseDocument, type DocumentContent } from './document-parser.js';
import { detectDocumentFormat } from './document-type.js';

const LIMITS = { maxPages: 500, timeoutMs: 60_000, maxPassages: 5000 };
const paths = (content: DocumentContent) => content.passages.map((p) => p.headingPath.join(' › '));
const passageWith = (content: DocumentContent, text: string) => content.passages.find((p) => p.text.includes(text));

describe('PDF (poppler-utils)', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await manualPdf();
  }, 60_000);

  it('reads a Chinese manual printed by Chromium: title, pages, heading paths and the page each passage starts on', async () => {
    const content = await parseDocument(pdf, 'pdf', LIMITS);
    expect(content).toMatchObject({ mime: 'application/pdf', title: '售后服务手册', pages: 3 });
    expect(passageWith(content, '七天内，可以申请无理由退货')).toMatchObject({ headingPath: ['第二章 退换货'], anchor: 'page=2' });
    expect(passageWith(content, '往返运费由卖家承担')).toMatchObject({ headingPath: ['第二章 退换货', '2.1 运费'], anchor: 'page=2' });
    expect(passageWith(content, '电子发票')).toMatchObject({ headingPath: ['第三章 发票'], anchor: 'page=3' });
    expect(paths(content)).toContain('第一章 总则 › 1.1 服务时间');
  });

  it('keeps the fee table readable and drops the running header and page footer', async () => {
    const content = await parseDocument(pdf, 'pdf', LIMITS);
    const fees = passageWith(content, '往返运费由卖家承担')!;
    expect(fees.text).toMatch(/质量问题\s*(\|\s*)?卖家/);
    expect(fees.text).toMatch(/七天无理由\s*(\|\s*)?顾客/);
    const all = content.passages.map((p) => p.text).join('\n');
    expect(all).not.toContain('某某商城 售后服务手册');
    expect(all).not.toMatch(/第 \d 页/);
  });

  it('refuses a PDF with an open password, and one encrypted with only an owner password', async () => {
    for (const password of ['user-secret', '']) {
      const locked = await encryptedPdf(pdf, password);
      await expect(parseDocument(locked, 'pdf', LIMITS)).rejects.toMatchObject({ code: 'document_encrypted', statusCode: 400, message: expect.stringContaining('已加密') });
    }
  }, 30_000);

  it('refuses a damaged PDF and a PDF over the page limit, with a message saying what to do', async () => {
    const truncated = pdf.subarray(0, Math.floor(pdf.length / 3));
    await expect(parseDocument(truncated, 'pdf', LIMITS)).rejects.toMatchObject({ code: expect.stringMatching(/document_corrupt|document_no_text/) });
    await expect(parseDocument(Buffer.from('%PDF-1.7\nnot really a pdf at all'), 'pdf', LIMITS)).rejects.toMatchObject({ code: 'document_corrupt', message: expect.stringContaining('损坏') });
    await expect(parseDocument(pdf, 'pdf', { ...LIMITS, maxPages: 2 })).rejects.toMatchObject({ code: 'document_too_many_pages', message: expect.stringContaining('共 3 页') });
  });
});

describe('DOCX (mammoth)', () => {
  it('keeps Word heading styles as the heading path, takes the title, and names table cells by their column', async () => {
    const content = await parseDocument(await manualDocx(), 'docx', LIMITS);
    expect(content.title).toBe('会员服务协议');
    expect(passageWith(content, '会员等级分为')).toMatchObject({ headingPath: ['第三章 会员权益'], anchor: '第三章-会员权益' });
    const points = passageWith(content, '一百积分抵扣一元')!;
    expect(points).toMatchObject({ headingPath: ['第三章 会员权益', '3.2 积分规则'], anchor: '3-2-积分规则' });
    expect(content.passages.map((p) => p.text).join('\n')).toContain('等级：金卡，积分倍数：1.5倍');
  });

  it('refuses a ZIP that claims to be Word but is not one', async () => {
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml garbage')]);
    await expect(parseDocument(fake, 'docx', LIMITS)).rejects.toMatchObject({ code: 'document_corrupt' });
  });
});

describe('Markdown (marked) and HTML (htmlparser2)', () => {
  it('takes the lone top heading as the title, not as part of every path', async () => {
    const md = '# 售后服务手册\n\n## 第三章 退换货\n\n退换货须在签收后七天内申请。\n\n### 3.2 运费\n\n运费由**卖家**承担，[运费险](https://example.cn)另行赔付。\n\n| 情形 | 承担方 |\n| --- | --- |\n| 质量问题 | 卖家 |\n';
    const content = await parseDocument(Buffer.from(md), 'markdown', LIMITS);
    expect(content.title).toBe('售后服务手册');
    expect(content.passages[0]).toMatchObject({ headingPath: ['第三章 退换货'], text: '退换货须在签收后七天内申请。', anchor: '第三章-退换货' });
    expect(content.passages[1]).toMatchObject({ headingPath: ['第三章 退换货', '3.2 运费'], anchor: '3-2-运费' });
    expect(content.passages[1]!.text).toBe('运费由卖家承担，运费险另行赔付。\n情形：质量问题，承担方：卖家');
  });

  it('reads the content of a web page and leaves out scripts, styles, navigation and footer', async () => {
    const html = `<html><head><title>帮助中心 - 发票</title><style>p{color:red}</style><script>var secret = 1;</script></head>
      <body><nav>首页 | 订单 | 帮助</nav><main><h2>如何开具发票</h2><p>在订单详情页点击&ldquo;申请开票&rdquo;。</p><ol><li>选择抬头</li><li>填写税号</li></ol></main><footer>© 某某商城</footer></body></html>`;
    const content = await parseDocument(Buffer.from(html), 'html', LIMITS);
    expect(content.title).toBe('帮助中心 - 发票');
    const text = content.passages.map((p) => p.text).join('\n');
    expect(text).toContain('在订单详情页点击“申请开票”。');
    expect(text).toContain('选择抬头');
    for (const chrome of ['secret', 'color:red', '首页', '©']) expect(text).not.toContain(chrome);
    expect(content.passages[0]!.headingPath).toEqual(['如何开具发票']);
  });

  it('reads the manual HTML with chapters as level-1 headings', async () => {
    const content = await parseDocument(Buffer.from(MANUAL_HTML), 'html', LIMITS);
    expect(paths(content)).toEqual(expect.arrayContaining(['第一章 总则', '第一章 总则 › 1.1 服务时间', '第二章 退换货 › 2.1 运费', '第三章 发票']));
  });
});

describe('plain text', () => {
  it('finds headings from Chinese numbering: 第X章, 一、, （一）, 1.2', async () => {
    const text = ['第一章 总则', '本办法适用于全部门店。', '', '一、适用范围', '线上线下订单均适用。', '（一）线上订单', '通过App和小程序下的订单。', '第二章 退款', '1.1 退款时效', '退款在审核通过后三个工作日内原路退回。'].join('\n');
    const content = await parseDocument(Buffer.from(text), 'text', LIMITS);
    expect(content.passages.map((p) => [p.headingPath, p.text])).toEqual([
      [['第一章 总则'], '本办法适用于全部门店。'],
      [['第一章 总则', '一、适用范围'], '线上线下订单均适用。'],
      [['第一章 总则', '一、适用范围', '（一）线上订单'], '通过App和小程序下的订单。'],
      [['第二章 退款', '1.1 退款时效'], '退款在审核通过后三个工作日内原路退回。'],
    ]);
  });

  it('does not take a numbered sentence or a date for a heading', async () => {
    const content = await parseDocument(Buffer.from('1. 打开App，进入订单页，点击退款。\n2024年起执行新规\n3 天内发货'), 'text', LIMITS);
    expect(content.passages.every((p) => p.headingPath.length === 0)).toBe(true);
  });

  it('decodes a GB18030 (GBK) text file', async () => {
    const gbk = Buffer.from('b5dad2bbd5c220d7dcd4f20abbb6d3adb9e2c1d9a1a3', 'hex'); // 第一章 总则\n欢迎光临。
    const content = await parseDocument(gbk, 'text', LIMITS);
    expect(content.passages[0]).toMatchObject({ headingPath: ['第一章 总则'], text: '欢迎光临。' });
  });
});

describe('the file type comes from the bytes', () => {
  it('refuses a type whose bytes contradict its name, an old .doc, a binary and an empty file', () => {
    expect(() => detectDocumentFormat(Buffer.from('%PDF-1.4 …'), '手册.docx', null)).toThrow(expect.objectContaining({ code: 'document_type_mismatch' }));
    expect(() => detectDocumentFormat(Buffer.from('hello'), '手册.pdf', 'application/pdf')).toThrow(expect.objectContaining({ code: 'document_corrupt' }));
    expect(() => detectDocumentFormat(Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), '旧文件.doc', null)).toThrow(expect.objectContaining({ code: 'document_type_unsupported', message: expect.stringContaining('.docx') }));
    expect(() => detectDocumentFormat(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'setup.exe', null)).toThrow(expect.objectContaining({ code: 'document_type_unsupported' }));
    expect(() => detectDocumentFormat(Buffer.from('just text'), 'photo.png', 'image/png')).toThrow(expect.objectContaining({ code: 'document_type_unsupported' }));
    expect(() => detectDocumentFormat(Buffer.alloc(0), 'a.txt', null)).toThrow(expect.objectContaining({ code: 'document_empty' }));
  });

  it('tells the text formats apart by name, declared type or an HTML start', () => {
    expect(detectDocumentFormat(Buffer.from('# 标题'), '手册.md', null)).toBe('markdown');
    expect(detectDocumentFormat(Buffer.from('<!DOCTYPE html><p>x'), 'page', null)).toBe('html');
    expect(detectDocumentFormat(Buffer.from('<p>x</p>'), 'page', 'text/html; charset=utf-8')).toBe('html');
    expect(detectDocumentFormat(Buffer.from('纯文本'), '说明.txt', null)).toBe('text');
  });
});
