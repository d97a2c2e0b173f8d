import { AppError } from '../errors/app-error.js';

export class PayloadTooLargeError extends AppError {
  readonly code = 'payload_too_large';
  readonly statusCode = 413;
}

/** The bytes are not a PDF, JPEG or PNG, or not the type the client declared. */
export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'unsupported_media_type';
  readonly statusCode = 415;
}
