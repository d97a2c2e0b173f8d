import { TenantScope } from '../db/tenant-scope.js';
import { PollingLoop } from '../scheduling/polling-loop.js';
import type { CallService } from './call-service.js';

/**
 * The ring timeout's clock, on every node (1 s): a call still ringing past its `ring_deadline`
 * becomes missed. The deadline is in the call's row, not in a timer, so a call that rang while a
 * node died is still missed by whichever node polls next (ADR 0004: loops derived from their domain rows).
 * @example
 * const loop = new CallRingLoop(calls); loop.start(); // … await loop.stop()
 */
export class CallRingLoop {
  private readonly loop: PollingLoop;

  constructor(
    private readonly calls: CallService,
    private readonly options: { pollMs?: number; log?: { error(obj: object, msg: string): void } } = {},
  ) {
    this.loop = new PollingLoop(() => this.tickSafely(), options.pollMs ?? 1000);
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One sweep across tenants (each missed call is announced in its own tenant's scope); tests call it directly. */
  tick(): Promise<number> {
    return TenantScope.asSystem(() => this.calls.expireRinging());
  }

  private async tickSafely(): Promise<void> {
    try {
      while (this.loop.running && (await this.tick()) > 0);
    } catch (err) {
      this.options.log?.error({ err }, 'call ring loop tick failed; retrying on the next tick');
    }
  }
}
