import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface OverloadGuardOptions {
  /**
   * Requests this node works on at once; the next one is answered 503 at once. Past this a request only waits
   * behind the others: a bot turn is ~15 ms of CPU, so 128 queued are 2 s of a whole core's work, and more on a
   * node that gets a share of one — still well inside nginx's 15 s read timeout (docs/deploy/nginx-two-nodes.conf).
   */
  maxInFlight?: number;
  /** Retry-After of the 503, in seconds: short, the next try meets a shorter queue. */
  retryAfterSeconds?: number;
  /** Paths never refused: a health check must tell "busy" from "dead". */
  exempt?: (path: string) => boolean;
  log?: { warn(obj: object, msg: string): void };
}

/**
 * Answers 503 with Retry-After when this node already has more requests than it can finish promptly, instead of
 * letting them queue until the proxy's read timeout. Behind nginx that difference is the point: nginx counts a
 * timed-out request as a failure of the node whatever `proxy_next_upstream` says, and `max_fails` of them take the
 * node out of the upstream — bench:cluster's ramp saw both nodes, still answering slowly, taken out together
 * ("no live upstreams", 476 of 1,100 visitors refused). A 503 is an answer: nginx passes it on without counting
 * it, the widget retries after Retry-After with the same clientMsgId, and the node keeps serving what it can.
 *
 * The event loop's delay was considered as a second signal and left out: one synchronous model build (a second
 * or more of CPU) would refuse the requests of the next second on an idle node.
 */
export class OverloadGuard {
  private inFlight = 0;
  private readonly counted = new WeakSet<FastifyRequest>();
  private refusing = false;
  /** Requests refused since start. */
  refused = 0;
  private readonly maxInFlight: number;
  private readonly retryAfter: string;

  constructor(private readonly options: OverloadGuardOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 128;
    this.retryAfter = String(options.retryAfterSeconds ?? 1);
  }

  /** Requests being worked on now. */
  get load(): number {
    return this.inFlight;
  }

  /** Counts every request from its arrival until its handler answers, and refuses past the limit. */
  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
      if (this.options.exempt?.(request.url.split('?')[0] ?? '')) return;
      if (this.inFlight >= this.maxInFlight) {
        this.refused++;
        if (!this.refusing) {
          this.refusing = true;
          this.options.log?.warn({ inFlight: this.inFlight }, 'overloaded: answering 503 until requests in flight drop');
        }
        return reply.status(503).header('retry-after', this.retryAfter).send({ error: { code: 'overloaded', message: 'The server is busy, please retry shortly' } });
      }
      this.refusing = false;
      this.inFlight++;
      this.counted.add(request);
    });
    // Counted down when the handler answers, not when the client leaves: a turn whose client (or nginx, after its
    // read timeout) went away still runs to its end, and a retry of it is more work on top, not instead.
    const done = async (request: FastifyRequest) => {
      if (this.counted.delete(request)) this.inFlight--;
    };
    app.addHook('onSend', done);
    // Should a response end without a send (a hijacked reply), its place is given back all the same.
    app.addHook('onResponse', done);
  }
}
