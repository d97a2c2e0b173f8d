import { describe, expect, it } from 'vitest';
import { ApiError, networkError } from '../api/api-error.js';
import { sendWithRetry } from './send-with-retry.js';

function flakySend(failures: ApiError[]) {
  const seen: string[] = [];
  const send = async () => {
    seen.push('client-1');
    const failure = failures.shift();
    if (failure) throw failure;
    return { id: 'm1', clientMsgId: 'client-1' };
  };
  return { seen, send };
}

describe('sending an agent reply over a flaky network', () => {
  it('retries after a network failure and returns the stored message', async () => {
    const waits: number[] = [];
    const { seen, send } = flakySend([networkError(new TypeError('Failed to fetch'))]);

    const result = await sendWithRetry(send, { delaysMs: [10, 20], sleep: async (ms) => void waits.push(ms) });

    expect(result.id).toBe('m1');
    expect(seen).toEqual(['client-1', 'client-1']);
    expect(waits).toEqual([10]);
  });

  it('gives up after the last delay and reports the network failure', async () => {
    const offline = () => networkError(new TypeError('offline'));
    const { seen, send } = flakySend([offline(), offline(), offline()]);

    await expect(sendWithRetry(send, { delaysMs: [1, 1], sleep: async () => {} })).rejects.toMatchObject({ code: 'network_error' });
    expect(seen).toHaveLength(3);
  });

  it('does not repeat a request the server rejected', async () => {
    const { seen, send } = flakySend([new ApiError('validation_error', 'text too long', 400)]);

    await expect(sendWithRetry(send, { delaysMs: [1, 1], sleep: async () => {} })).rejects.toMatchObject({ status: 400 });
    expect(seen).toHaveLength(1);
  });
});
