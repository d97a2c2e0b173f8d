/**
 * Reads the text of PDF pages that have no text layer (scans, photographed pages). The PDF parser asks only for
 * pages that have an image and no extractable text; the lines come back in reading order, as `pdftotext` would give.
 * @example const lines = await ocr.readPage('/tmp/zhida-pdf-x/document.pdf', 3, 60_000) // ['第三章 退换货', '…']
 */
export interface PageOcr {
  /** The page's text lines (1-based page number); an empty array for a page without legible text. */
  readPage(pdfFile: string, page: number, timeoutMs: number): Promise<string[]>;
}
