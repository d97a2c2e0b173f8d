/**
 * Thrown by an `SmsProvider` when the gateway refuses a message because of its own rate limit
 * (Aliyun `isv.BUSINESS_LIMIT_CONTROL`, Tencent Cloud `LimitExceeded.PhoneNumberThirtySecondLimit`…).
 * It is a wait, not an outage: the code can be sent after `retryAfterSeconds`, and the customer is told so.
 *
 * @example throw new SmsRateLimitedError(60, 'gateway: 1 message per number per minute');
 */
export class SmsRateLimitedError extends Error {
  readonly code = 'sms_rate_limited';
  override readonly name = 'SmsRateLimitedError';

  constructor(
    /** How long until the gateway accepts a message for this number again. */
    readonly retryAfterSeconds: number,
    message = 'SMS gateway rate limit',
  ) {
    super(message);
  }
}
