import { chromium } from 'playwright-core';

/** Prints HTML to PDF. */
export interface PdfPrinter {
  print(html: string): Promise<Buffer>;
}

/**
 * Prints a self-contained HTML page to an A4 PDF with headless Chromium (driven by playwright-core;
 * the browser binary is ZHIDA_CHROMIUM_PATH). One browser per print: reports are monthly, and a
 * long-lived browser would hold memory the rest of the month. The page gets no network: everything
 * it shows is inline, and tenant text is escaped.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  constructor(private readonly executablePath: string) {}

  async print(html: string): Promise<Buffer> {
    const browser = await chromium.launch({ executablePath: this.executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    } finally {
      await browser.close();
    }
  }
}
