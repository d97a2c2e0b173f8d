import { AppError } from '../../errors/app-error.js';

/** A callback whose signature does not match the account's Token: not from WeChat. */
export class WechatSignatureError extends AppError {
  readonly code = 'wechat_bad_signature';
  readonly statusCode = 401;
  constructor() {
    super('The WeChat callback signature does not match');
  }
}

/** A callback outside the timestamp window or with a nonce already used: a replay. */
export class WechatReplayError extends AppError {
  readonly code = 'wechat_replayed';
  readonly statusCode = 403;
}

/** A callback body that is not a WeChat message: bad XML, missing parts, or ciphertext that does not open. */
export class WechatMalformedCallbackError extends AppError {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly code: string = 'wechat_bad_callback',
  ) {
    super(message);
  }
}
