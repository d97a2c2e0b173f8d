/**
 * Why a call to the enterprise backend did not produce an answer.
 * `rejected` carries the backend's own `{ error: { code, message } }` (a business
 * "no", e.g. order_not_found); the others mean the backend could not be reached.
 */
export class EnterpriseRequestError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'server_error' | 'circuit_open' | 'rejected' | 'bad_response',
    message: string,
    readonly status: number | null = null,
    readonly remoteCode: string | null = null,
  ) {
    super(message);
    this.name = 'EnterpriseRequestError';
  }
}
