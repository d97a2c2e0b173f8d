import type { PageOcr } from './page-ocr.js';
import { DEFAULT_TESSERACT, TesseractPageOcr } from './tesseract-page-ocr.js';

export interface DocumentOcrConfig {
  /** auto: OCR when Tesseract and its languages are installed; on: they must be (start-up fails otherwise); off: never. */
  mode: 'auto' | 'on' | 'off';
  binary: string;
  languages: string;
}

/** OCR was required by the configuration (ZHIDA_OCR=on) but Tesseract or a language is missing. */
export class OcrUnavailableError extends Error {
  readonly code = 'ocr_unavailable';
}

// Every app built in one process (tests build hundreds) asks once per binary and language set.
const detected = new Map<string, TesseractPageOcr | null>();

/**
 * The OCR the document importer reads scanned PDF pages with, decided once at start-up from the configuration.
 * @example documentOcr({ mode: 'auto', binary: 'tesseract', languages: 'chi_sim+eng' }) // a TesseractPageOcr, or null without Tesseract
 */
export function documentOcr(config: DocumentOcrConfig): PageOcr | null {
  if (config.mode === 'off') return null;
  const key = `${config.binary}\u0000${config.languages}`;
  if (!detected.has(key)) detected.set(key, TesseractPageOcr.detect({ ...DEFAULT_TESSERACT, binary: config.binary, languages: config.languages }));
  const ocr = detected.get(key) ?? null;
  if (!ocr && config.mode === 'on') {
    throw new OcrUnavailableError(`ZHIDA_OCR=on but ${config.binary} with the languages ${config.languages} is not installed (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim)`);
  }
  return ocr;
}
