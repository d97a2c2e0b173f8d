import { AppError } from '../errors/app-error.js';

/** The caller is in the tenant but not a party of this call's conversation (only its assignee may call). */
export class NotCallPartyError extends AppError {
  readonly code = 'not_call_party';
  readonly statusCode = 403;
}

/** The call is not in a state that allows this (answering an ended call, a second call while one rings…). */
export class CallStateError extends AppError {
  readonly statusCode = 409;
  constructor(
    message: string,
    readonly code: string = 'call_state',
  ) {
    super(message);
  }
}

/** A recording without the tenant's setting and the visitor's stored consent. */
export class RecordingNotAllowedError extends AppError {
  readonly code = 'recording_not_allowed';
  readonly statusCode = 403;
}
