/**
 * The error taxonomy shared by every module. The HTTP error handler maps these
 * to `{ error: { code, message } }` with their status; nothing else crosses a
 * module boundary as a thrown value.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly statusCode: number;
  readonly headers: Record<string, string> = {};
}

export class ValidationError extends AppError {
  readonly code = 'validation_error';
  readonly statusCode = 400;
}

export class BadRequestError extends AppError {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly code: string = 'bad_request',
  ) {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  readonly code = 'unauthorized';
  readonly statusCode = 401;
  constructor(message = 'Authentication required') {
    super(message);
  }
}

/** Only for role checks inside the caller's own tenant, and CSRF; another tenant's object is a NotFoundError. */
export class ForbiddenError extends AppError {
  readonly statusCode = 403;
  constructor(
    message = 'You do not have permission to do this',
    readonly code: string = 'forbidden',
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly code = 'not_found';
  readonly statusCode = 404;
  constructor(what = 'Resource') {
    super(`${what} not found`);
  }
}

export class ConflictError extends AppError {
  readonly statusCode = 409;
  constructor(
    message: string,
    readonly code: string = 'conflict',
  ) {
    super(message);
  }
}

export class RateLimitedError extends AppError {
  readonly code = 'rate_limited';
  readonly statusCode = 429;
  constructor(retryAfterSeconds: number, message = 'Too many requests, please retry later') {
    super(message);
    this.headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

export class UnavailableError extends AppError {
  readonly code = 'unavailable';
  readonly statusCode = 503;
  constructor(message = 'Service temporarily unavailable', retryAfterSeconds = 5) {
    super(message);
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}
