import { AppError } from '../errors/app-error.js';

export type DocumentRejection =
  | 'document_type_unsupported'
  | 'document_type_mismatch'
  | 'document_empty'
  | 'document_encrypted'
  | 'document_corrupt'
  | 'document_no_text'
  /** A scanned PDF (pages without a text layer) on a server without OCR. */
  | 'document_ocr_unavailable'
  | 'document_too_many_pages'
  | 'document_too_many_passages'
  | 'document_upload_invalid'
  | 'document_url_failed'
  | 'document_robots_disallowed';

/** A file or URL the importer will not take; nothing of it is stored. The message tells the admin what to do. */
export class DocumentRejectedError extends AppError {
  readonly statusCode = 400;
  constructor(
    readonly code: DocumentRejection,
    message: string,
  ) {
    super(message);
  }
}

/** A file (or a fetched URL's body) over the size limit. */
export class DocumentTooLargeError extends AppError {
  readonly code = 'document_too_large';
  readonly statusCode = 413;
}

/** A URL that is off the tenant's allowed sites, or points to a private address (SECURITY.md 25). */
export class DocumentUrlRefusedError extends AppError {
  readonly code = 'document_url_refused';
  readonly statusCode = 422;
}

/** The server lacks a tool a format needs (poppler-utils for PDF): an operator's fix, not the admin's. */
export class DocumentToolMissingError extends AppError {
  readonly code = 'document_tool_missing';
  readonly statusCode = 503;
}
