import type { ZhidaApp } from '../../packages/server/src/app/build-app.js';

export interface NodeResponse {
  status: number;
  body: unknown;
}

/**
 * One app node of the bench: a `buildApp` instance listening on its own port (the sockets connect
 * there) whose HTTP API the simulated clients call through `inject` (the whole Fastify pipeline,
 * with a chosen client address so per-IP limits see many visitors, not one bench).
 */
export class BenchNode {
  constructor(
    readonly name: string,
    readonly app: ZhidaApp,
    readonly base: string,
  ) {}

  async call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, options: { payload?: unknown; headers?: Record<string, string>; remoteAddress: string }): Promise<NodeResponse> {
    const res = await this.app.inject({
      method,
      url,
      headers: options.headers,
      remoteAddress: options.remoteAddress,
      ...(options.payload === undefined ? {} : { payload: options.payload as Record<string, unknown> }),
    });
    let body: unknown = null;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      body = res.body;
    }
    return { status: res.statusCode, body };
  }
}

/** The stable error code of a refused call, for the report. */
export function errorCode(response: NodeResponse): string {
  const body = response.body as { error?: { code?: string } } | null;
  return body?.error?.code ?? `http_${response.status}`;
}
