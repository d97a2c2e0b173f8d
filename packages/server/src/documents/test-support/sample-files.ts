import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** A Chinese after-sales manual as HTML: three chapters, numbered sections, a fee table; each chapter on its own page. */
export const MANUAL_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>售后服务手册</title></head>
<body style="font-family:'Noto Sans CJK SC',sans-serif;font-size:14px">
<h1>第一章 总则</h1>
<p>本手册适用于在本商城购买的全部实物商品。顾客的退换货、维修和投诉，均按本手册办理。</p>
<h2>1.1 服务时间</h2>
<p>人工客服每天九点至二十一点在线，节假日照常服务。</p>
<div style="page-break-after:always"></div>
<h1>第二章 退换货</h1>
<p>顾客签收商品后七天内，可以申请无理由退货，商品须保持完好，不影响二次销售。</p>
<h2>2.1 运费</h2>
<p>因质量问题退货的，往返运费由卖家承担；非质量问题退货的，退回运费由顾客承担，购买了运费险的由保险公司赔付。</p>
<table border="1"><tr><th>退货原因</th><th>运费承担方</th></tr><tr><td>质量问题</td><td>卖家</td></tr><tr><td>七天无理由</td><td>顾客</td></tr></table>
<div style="page-break-after:always"></div>
<h1>第三章 发票</h1>
<p>电子发票在确认收货后二十四小时内开具，并发送到下单时填写的邮箱。</p>
</body></html>`;

/** Prints MANUAL_HTML to PDF in Chromium, with a running header and page-numbered footer on every page. */
export async function manualPdf(): Promise<Buffer> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.setContent(MANUAL_HTML);
    return await page.pdf({
      format: 'A4',
      displayHeaderFooter: true,
      headerTemplate: '<div style="font-size:9px;margin-left:40px">某某商城 售后服务手册</div>',
      footerTemplate: '<div style="font-size:9px;margin-left:40px">第 <span class="pageNumber"></span> 页</div>',
      margin: { top: '70px', bottom: '70px', left: '50px', right: '50px' },
    });
  } finally {
    await browser.close();
  }
}

/**
 * A scan of a PDF: every page rendered to a greyscale image by poppler's `pdftoppm` and printed back, image only, by
 * Chromium — a PDF without a text layer, as a scanner or a phone's scan app makes.
 */
export async function scannedPdf(pdf: Buffer, dpi = 150): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'zhida-scan-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await promisify(execFile)('pdftoppm', ['-r', String(dpi), '-gray', '-png', join(dir, 'in.pdf'), join(dir, 'page')]);
    const pages = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    const images = await Promise.all(pages.map(async (f) => `data:image/png;base64,${(await readFile(join(dir, f))).toString('base64')}`));
    const html = `<!doctype html><html><body style="margin:0">${images.map((src) => `<img src="${src}" style="width:210mm;height:296mm;display:block;page-break-after:always">`).join('')}</body></html>`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      await page.setContent(html);
      return await page.pdf({ format: 'A4', margin: { top: '0', bottom: '0', left: '0', right: '0' } });
    } finally {
      await browser.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The first pages of one PDF followed by the last pages of another (qpdf): e.g. a printed manual whose last page is a scan. */
export async function joinedPdf(head: Buffer, headPages: string, tail: Buffer, tailPages: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'zhida-qpdf-'));
  try {
    await writeFile(join(dir, 'head.pdf'), head);
    await writeFile(join(dir, 'tail.pdf'), tail);
    await promisify(execFile)('qpdf', ['--empty', '--pages', join(dir, 'head.pdf'), headPages, join(dir, 'tail.pdf'), tailPages, '--', join(dir, 'out.pdf')]);
    return await readFile(join(dir, 'out.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The PDF encrypted with qpdf (Debian `qpdf`): with a user password, or with only an owner password (opens, but is encrypted). */
export async function encryptedPdf(pdf: Buffer, userPassword: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'zhida-qpdf-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await promisify(execFile)('qpdf', ['--encrypt', userPassword, 'owner-secret', '256', '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
    return await readFile(join(dir, 'out.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A Word file with real heading styles (第三章 › 3.2), body text and a table, built with the docx library. */
export async function manualDocx(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const document = new Document({
    title: '会员服务协议',
    sections: [
      {
        children: [
          new Paragraph({ text: '会员服务协议', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: '第三章 会员权益', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('会员等级分为银卡、金卡和钻石卡三级，按近十二个月的消费金额评定。'),
          new Paragraph({ text: '3.2 积分规则', heading: HeadingLevel.HEADING_2 }),
          new Paragraph('每消费一元累积一个积分，积分可在下单时抵扣现金，一百积分抵扣一元。'),
          new Table({ rows: [new TableRow({ children: [cell('等级'), cell('积分倍数')] }), new TableRow({ children: [cell('金卡'), cell('1.5倍')] })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
