import type { ConsentScope, PrivacyApiClient, PrivacyNotice, VisitorConsents } from './privacy-api-client.js';
import type { VisitorSession } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

export type ConsentStates = Partial<Record<ConsentScope, { granted: boolean; noticeVersion: number; at: string }>>;

export interface PrivacyState {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  notice: PrivacyNotice | null;
  /** The notice in force has been accepted (or the acceptance waits for the session to be recorded); until then nothing is sent. */
  accepted: boolean;
  /** A returning visitor's consents are not known until their session is: the banner waits rather than flashing. */
  awaitingSession: boolean;
  consents: ConsentStates;
  menuOpen: boolean;
  /** A consent is being recorded: its buttons wait. */
  saving: boolean;
  /** The last recording failed (the visitor may try again). */
  saveFailed: boolean;
}

export interface PrivacyControllerDeps {
  api: Pick<PrivacyApiClient, 'notice' | 'consents' | 'record'>;
  tenant: string;
  /** A stored conversation will resume: the visitor may have accepted already. */
  resuming: boolean;
}

/**
 * The widget's side of PIPL notice and consent: the tenant's notice shown before the first message
 * until the visitor accepts the version in force (同意并继续), and the 隐私设置 list of consents with
 * 撤回 for each. Every decision goes to the server's consent ledger. The notice is public and shows at
 * once; an acceptance given before the visitor's session exists is recorded in `sessionReady`, which
 * the chat runs before it sends anything, so the ledger holds the acceptance before the first message.
 */
export class PrivacyController {
  readonly #deps: PrivacyControllerDeps;
  #state: PrivacyState;
  readonly #listeners = new Set<(state: PrivacyState) => void>();
  #loading: Promise<void> | null = null;
  #session: VisitorSession | null = null;
  /** Accepted before the session existed: to be written to the ledger once it does. */
  #pendingAcceptance = false;

  constructor(deps: PrivacyControllerDeps) {
    this.#deps = deps;
    this.#state = { phase: 'idle', notice: null, accepted: false, awaitingSession: deps.resuming, consents: {}, menuOpen: false, saving: false, saveFailed: false };
  }

  get state(): PrivacyState {
    return this.#state;
  }

  subscribe(listener: (state: PrivacyState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  /** Whether the visitor may send: only once the notice in force is accepted. */
  get canSend(): boolean {
    return this.#state.accepted;
  }

  /** Reads the notice; safe to call repeatedly (a failed load is retried). */
  load(): Promise<void> {
    if (this.#state.phase === 'ready') return Promise.resolve();
    this.#loading ??= this.#load().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  /**
   * The chat's session is ready and nothing has been sent yet: record an acceptance given meanwhile and
   * read the visitor's consents. Never asks for the session itself (the chat is waiting on this).
   */
  async sessionReady(session: VisitorSession): Promise<void> {
    this.#session = session;
    if (this.#pendingAcceptance && this.#state.notice) {
      this.#pendingAcceptance = false;
      await this.#record({ scope: 'notice', action: 'granted', noticeVersion: this.#state.notice.version });
    } else {
      await this.#refreshConsents().catch(() => undefined);
    }
    this.#update({ awaitingSession: false });
  }

  async accept(): Promise<void> {
    const notice = this.#state.notice;
    if (!notice || this.#state.saving) return;
    if (!this.#session) {
      this.#pendingAcceptance = true;
      this.#update({ accepted: true, saveFailed: false });
      return;
    }
    await this.#record({ scope: 'notice', action: 'granted', noticeVersion: notice.version });
  }

  async withdraw(scope: ConsentScope): Promise<void> {
    const notice = this.#state.notice;
    if (!notice || !this.#session || this.#state.saving) return;
    await this.#record({ scope, action: 'withdrawn', noticeVersion: notice.version });
  }

  /** Opens or closes 隐私设置; opening rereads the ledger (a consent may have been given through the bot's buttons). */
  async toggleMenu(): Promise<void> {
    const menuOpen = !this.#state.menuOpen;
    this.#update({ menuOpen, saveFailed: false });
    if (menuOpen) await this.#refreshConsents().catch(() => undefined);
  }

  async #load(): Promise<void> {
    this.#update({ phase: 'loading' });
    try {
      const notice = await this.#deps.api.notice(this.#deps.tenant);
      this.#update({ notice, phase: 'ready', accepted: this.#state.accepted || isAccepted(this.#state.consents, notice) });
    } catch {
      this.#update({ phase: 'failed' });
    }
  }

  async #record(consent: { scope: ConsentScope; action: 'granted' | 'withdrawn'; noticeVersion: number }): Promise<void> {
    const session = this.#session;
    if (!session) return;
    this.#update({ saving: true, saveFailed: false });
    try {
      await this.#deps.api.record(session, consent);
      await this.#refreshConsents();
      this.#update({ saving: false });
    } catch (cause) {
      // The notice changed while it was on screen: show the new text, to be accepted afresh.
      if (WidgetApiError.from(cause).code === 'notice_version_mismatch') {
        const notice = await this.#deps.api.notice(this.#deps.tenant).catch(() => this.#state.notice);
        this.#update({ notice, accepted: false, saving: false });
        return;
      }
      this.#update({ saving: false, saveFailed: true, accepted: consent.scope === 'notice' && consent.action === 'granted' ? false : this.#state.accepted });
    }
  }

  async #refreshConsents(): Promise<void> {
    if (!this.#session) return;
    const { current } = await this.#deps.api.consents(this.#session);
    const consents = current as ConsentStates;
    this.#update({ consents, accepted: isAccepted(consents, this.#state.notice) });
  }

  #update(patch: Partial<PrivacyState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener(this.#state);
  }
}

/** The notice counts as accepted when its latest decision is a grant of the version now in force (a new text is asked again). */
function isAccepted(current: VisitorConsents['current'], notice: PrivacyNotice | null): boolean {
  const state = current.notice;
  return notice !== null && state !== undefined && state.granted && state.noticeVersion >= notice.version;
}
