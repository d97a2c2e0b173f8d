import type { Socket } from 'socket.io-client';
import type { Call, CallApiClient } from './call-api-client.js';
import type { OnDemandCall } from './widget-on-demand.js';
import type { VisitorSession } from './widget-api-client.js';

/**
 * Listens for a video call invite in the main bundle and loads the call (widget-on-demand.js) only when one rings:
 * pushed on the socket, or found ringing when the socket (re)connects. Once loaded, the call takes the socket over;
 * if it cannot load, `failed` says so and the chat carries on.
 *
 * @example
 * const bell = new CallBell(calls, async () => (await load()).startVideoCall(calls, locale), () => showAlert(text.callLoadFailed));
 * bell.attach(socket, session);
 */
export class CallBell {
  #call: OnDemandCall | null = null;
  #loading = false;
  #socket: Socket | null = null;
  #session: VisitorSession | null = null;
  /** The newest call state seen before the call was loaded; it is replayed to the loaded call. */
  #latest: Call | null = null;

  constructor(
    private readonly api: Pick<CallApiClient, 'live'>,
    private readonly start: () => Promise<OnDemandCall>,
    private readonly failed: () => void,
  ) {}

  /** Hooks a (re)connected widget socket. */
  attach(socket: Socket, session: VisitorSession): void {
    this.#socket = socket;
    this.#session = session;
    if (this.#call) return this.#call.attach(socket, session);
    socket.on('call.state', (call: Call) => {
      if (this.#call) return;
      this.#latest = call;
      if (call.state === 'ringing') void this.#load();
    });
    socket.on('connect', () => {
      if (this.#call || this.#loading) return;
      this.api
        .live(session)
        .then(({ call }) => {
          if (call?.state !== 'ringing') return;
          this.#latest = call;
          void this.#load();
        })
        .catch(() => undefined);
    });
  }

  async #load(): Promise<void> {
    if (this.#loading || this.#call) return;
    this.#loading = true;
    let call: OnDemandCall;
    try {
      call = await this.start();
    } catch {
      this.#loading = false;
      this.failed();
      return;
    }
    this.#call = call;
    if (this.#socket && this.#session) call.attach(this.#socket, this.#session);
    if (this.#latest) await call.received(this.#latest);
  }
}
