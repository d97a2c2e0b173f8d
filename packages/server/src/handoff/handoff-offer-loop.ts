import { PollingLoop } from '../scheduling/polling-loop.js';
import type { AgentPresenceService } from './agent-presence-service.js';
import type { HandoffRouter } from './handoff-router.js';
import type { HandoffRequeue } from './handoff-requeue.js';

export interface HandoffOfferLoopOptions {
  pollMs?: number;
  log?: { error(obj: object, msg: string): void };
}

/**
 * The handoff queue's clock, on every node (1 s): expired offers go to the next agent, silent
 * agents go offline (their chats back to the queue), and every group with waiting chats is
 * dispatched — whatever an event-driven dispatch missed (a crash, a lost race) is caught here.
 * All state is in the database; a node that dies loses nothing.
 * @example
 * const loop = new HandoffOfferLoop(requeue, presence, router);
 * loop.start(); // after listen … await loop.stop()
 */
export class HandoffOfferLoop {
  private readonly loop: PollingLoop;

  constructor(
    private readonly requeue: HandoffRequeue,
    private readonly presence: AgentPresenceService,
    private readonly router: HandoffRouter,
    private readonly options: HandoffOfferLoopOptions = {},
  ) {
    this.loop = new PollingLoop(() => this.tickSafely(), options.pollMs ?? 1000);
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass; tests call it directly instead of waiting for the timer. */
  async tick(): Promise<void> {
    await this.requeue.expireOffers();
    await this.presence.sweep();
    for (const { tenantId, groupId } of await this.requeue.groupsWithWaiting()) await this.router.dispatch(tenantId, groupId);
  }

  private async tickSafely(): Promise<void> {
    try {
      await this.tick();
    } catch (err) {
      this.options.log?.error({ err }, 'handoff offer loop tick failed; retrying on the next tick');
    }
  }
}
