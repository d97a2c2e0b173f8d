import { CircuitBreaker, type CircuitState } from './circuit-breaker.js';
import { EnterpriseRequestError } from './enterprise-request-error.js';
import { SIGNATURE_HEADER, signZhidaRequest, TIMESTAMP_HEADER } from './zhida-signature.js';

export interface HttpEnterpriseClientOptions {
  /** e.g. `https://crm.example.com/zhida` — requests go to baseUrl + path. */
  baseUrl: string;
  secret: string;
  timeoutMs?: number;
  /** Extra attempts after the first, for idempotent calls only. */
  retries?: number;
  /** First backoff; doubles per retry, with ±50 % jitter. */
  backoffMs?: number;
  failureThreshold?: number;
  coolDownMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions {
  body?: unknown;
  /** Makes a write safe to retry: the backend must dedupe on it. The action id is used. */
  idempotencyKey?: string;
}

/**
 * JSON over HTTPS to a customer's CRM/ERP. Every request is signed
 * (X-Zhida-Timestamp, X-Zhida-Signature), bounded by a timeout, retried with
 * backoff only when that is safe (GET, or a write carrying an Idempotency-Key),
 * and guarded by a circuit breaker so a dead backend fails fast.
 *
 * @example
 * const crm = new HttpEnterpriseClient({ baseUrl: 'https://crm.example.com/zhida', secret });
 * const order = await crm.request<OrderDto>('GET', `/orders/${encodeURIComponent(orderNo)}`);
 */
export class HttpEnterpriseClient {
  private readonly breaker: CircuitBreaker;
  private readonly baseUrl: URL;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpEnterpriseClientOptions) {
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 200;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.breaker = new CircuitBreaker({ failureThreshold: options.failureThreshold ?? 5, coolDownMs: options.coolDownMs ?? 30_000, now: this.now });
  }

  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
    const retriable = method === 'GET' || options.idempotencyKey !== undefined;
    const attempts = retriable ? this.retries + 1 : 1;
    let lastError: EnterpriseRequestError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.sleep(this.backoff(attempt));
      try {
        return await this.once<T>(method, path, options);
      } catch (error) {
        if (!(error instanceof EnterpriseRequestError)) throw error;
        lastError = error;
        // A business answer or an open circuit will not change on retry.
        if (error.kind === 'rejected' || error.kind === 'circuit_open' || error.kind === 'bad_response') throw error;
      }
    }
    throw lastError!;
  }

  private async once<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    if (!this.breaker.tryAcquire()) throw new EnterpriseRequestError('circuit_open', 'enterprise backend circuit is open');
    const url = new URL(path.replace(/^\//, ''), this.baseUrl);
    const signedPath = `${url.pathname}${url.search}`;
    const body = options.body === undefined ? '' : JSON.stringify(options.body);
    const timestamp = String(this.now());
    const headers: Record<string, string> = {
      accept: 'application/json',
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signZhidaRequest(this.options.secret, { timestamp, method, path: signedPath, body }),
    };
    if (body) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method, headers, body: body || undefined, signal: controller.signal, redirect: 'error' });
      text = await response.text();
    } catch (error) {
      this.breaker.onFailure();
      if (controller.signal.aborted) throw new EnterpriseRequestError('timeout', `enterprise backend did not answer within ${this.timeoutMs} ms`);
      throw new EnterpriseRequestError('network', `enterprise backend unreachable: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }

    if (response.status >= 500 || response.status === 429) {
      this.breaker.onFailure();
      throw new EnterpriseRequestError('server_error', `enterprise backend answered ${response.status}`, response.status);
    }
    // Any other answer means the backend is alive, even a 4xx.
    this.breaker.onSuccess();
    const json = parseJson(text);
    if (response.status >= 400) {
      const remote = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      const code = typeof remote?.code === 'string' ? remote.code : `http_${response.status}`;
      const message = typeof remote?.message === 'string' ? remote.message : `enterprise backend answered ${response.status}`;
      throw new EnterpriseRequestError('rejected', message, response.status, code);
    }
    if (json === undefined && text.length > 0) throw new EnterpriseRequestError('bad_response', 'enterprise backend answered with invalid JSON', response.status);
    return json as T;
  }

  private backoff(attempt: number): number {
    const base = this.backoffMs * 2 ** (attempt - 1);
    return Math.round(base * (0.5 + Math.random()));
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
