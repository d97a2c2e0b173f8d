import { ApiError } from '../api/api-error.js';

export interface RetryOptions {
  /** Waits between attempts; its length is the number of retries. */
  delaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Repeats a send while it fails for transport reasons (no answer, 502–504).
 * Only safe for idempotent calls — agent replies qualify because the server
 * dedupes them by clientMsgId, so the closure must reuse the same one.
 * @example await sendWithRetry(() => api.sendMessage(id, text, clientMsgId))
 */
export async function sendWithRetry<T>(send: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const delays = options.delaysMs ?? [1000, 3000];
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const delay = delays[attempt];
      if (!(error instanceof ApiError) || !error.retryable || delay === undefined) throw error;
      await sleep(delay);
    }
  }
}
