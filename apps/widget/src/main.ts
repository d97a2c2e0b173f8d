import { io } from 'socket.io-client';
import { backoffDelay } from './backoff-delay.js';
import { ChatController } from './chat-controller.js';
import { ChatView } from './chat-view.js';
import { FeedbackApiClient } from './feedback-api-client.js';
import { FeedbackController } from './feedback-controller.js';
import { combinedDecorator, documentSourceDecorator } from './document-source.js';
import { feedbackDecorator, isSurveyMessage } from './feedback-element.js';
import { getFeedbackCatalogue } from './feedback-messages.js';
import { HandoffApiClient } from './handoff-api-client.js';
import { HandoffController } from './handoff-controller.js';
import { getHandoffCatalogue } from './handoff-messages.js';
import { HandoffView } from './handoff-view.js';
import { getCatalogue } from './messages.js';
import { openBrowserStore } from './open-browser-store.js';
import { randomUuid } from './random-uuid.js';
import { RecommendationApiClient } from './recommendation-api-client.js';
import { RecommendationController } from './recommendation-controller.js';
import { RecommendationView } from './recommendation-view.js';
import { SearchApiClient } from '@zhida/client/search-api-client';
import { SearchController } from './search-controller.js';
import { getSearchCatalogue } from './search-messages.js';
import { SearchView } from './search-view.js';
import type { Message } from './message-schema.js';
import type { RealtimeSocket } from './realtime-socket.js';
import { browserScheduler } from './scheduler.js';
import { CallApiClient } from './call-api-client.js';
import { CallBell } from './call-bell.js';
import { showAlertToast } from './alert-toast.js';
import { ON_DEMAND_FILE, onDemandScript } from './on-demand-script.js';
import { OnDemandAudioPlayer } from './on-demand-audio-player.js';
import { OnDemandHoldToTalk } from './on-demand-hold-to-talk.js';
import { TicketApiClient } from './ticket-api-client.js';
import { TicketController } from './ticket-controller.js';
import { getTicketCatalogue } from './ticket-messages.js';
import { TicketView } from './ticket-view.js';
import type { VisitorIdentity } from './widget-api-client.js';
import { WidgetApiClient } from './widget-api-client.js';
import { SpeechPlaybackController } from './speech-playback-controller.js';
import { getVoiceCatalogue } from './voice-messages.js';
import { VoiceView } from './voice-view.js';
import { PrivacyApiClient, type ConsentScope } from './privacy-api-client.js';
import { PrivacyController } from './privacy-controller.js';
import { getPrivacyCatalogue } from './privacy-messages.js';
import { PrivacyView } from './privacy-view.js';
import type { NoticeGate } from './notice-gate.js';
import { readWidgetConfig, type WidgetConfig } from './widget-config.js';

/** The page-facing API, `window.Zhida`. */
export interface ZhidaGlobal {
  open(): void;
  close(): void;
  /** Identify the visitor; call before the first `open()`. Returns false once a conversation has started. */
  setUser(user: { userId?: string; userHash?: string; name?: string }): boolean;
}

declare global {
  interface Window {
    Zhida?: ZhidaGlobal;
  }
}

// document.currentScript is only set while this file first executes, so capture it now.
const ownScript = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-tenant][src*="widget.js"]');

function mount(config: WidgetConfig, scriptSrc: string): ZhidaGlobal & { resume(): void } {
  const text = getCatalogue(config.locale);
  const identity: VisitorIdentity = {};
  if (config.userId) identity.userId = config.userId;
  if (config.userHash) identity.userHash = config.userHash;
  if (config.userName) identity.name = config.userName;
  identity.locale = config.locale;

  // Calls, voice and the ticket form are loaded on first use from widget-on-demand.js, next to this script, to keep widget.js small.
  const loadOnDemand = onDemandScript(new URL(ON_DEMAND_FILE, scriptSrc).href);
  // Video calls (#15): the agent rings through the chat's socket; the overlay lives beside the chat.
  const calls = new CallApiClient(config.apiOrigin, (input, init) => fetch(input, init));
  const call = new CallBell(calls, async () => (await loadOnDemand()).startVideoCall(calls, config.locale), () => showAlertToast(text.callLoadFailed));

  const api = new WidgetApiClient(config.apiOrigin, (input, init) => fetch(input, init));
  const store = openBrowserStore();
  const chat = new ChatController({
    tenant: config.tenant,
    identity,
    api,
    store,
    connect: (session) => {
      const socket = io(`${config.apiOrigin}/widget`, {
        path: '/socket.io',
        auth: { token: session.visitorToken, conversationId: session.conversationId },
        // WebSocket first avoids sticky-session requirements behind load balancers; polling is the fallback.
        transports: ['websocket', 'polling'],
        tryAllTransports: true,
        withCredentials: false,
      });
      call.attach(socket, session);
      return socket as unknown as RealtimeSocket;
    },
    scheduler: browserScheduler,
    newId: () => randomUuid(),
    backoff: (attempt) => backoffDelay(attempt),
    beforeSending: (session): Promise<void> => privacy.sessionReady(session),
  });

  // PIPL notice and consent (#19): nothing is sent until the notice in force is accepted.
  const privacy: PrivacyController = new PrivacyController({ api: new PrivacyApiClient(config.apiOrigin, (input, init) => fetch(input, init)), tenant: config.tenant, resuming: chat.hasSomethingToResume });

  // 提交工单, 补充信息 and 留言 collect personal information too: like the composer, they wait for the notice.
  const noticeGate: NoticeGate = { accepted: () => privacy.canSend, beforeSending: (session) => privacy.sessionReady(session) };
  const privacyActions = { accept: () => void privacy.accept(), retry: () => void privacy.load(), toggleMenu: () => void privacy.toggleMenu(), withdraw: (scope: ConsentScope) => void privacy.withdraw(scope) };
  const ticketNoticeView = new PrivacyView({ locale: config.locale, text: getPrivacyCatalogue(config.locale), actions: privacyActions, testId: 'zhida-ticket-privacy', bannerOnly: true });
  const leaveMessageNoticeView = new PrivacyView({ locale: config.locale, text: getPrivacyCatalogue(config.locale), actions: privacyActions, testId: 'zhida-leave-message-privacy', bannerOnly: true });

  const tickets = new TicketController({
    api: new TicketApiClient(config.apiOrigin, (input, init) => fetch(input, init)),
    session: () => chat.ensureSession(),
    notice: noticeGate,
  });
  const ticketView = new TicketView({
    locale: config.locale,
    loadScreens: loadOnDemand,
    notice: ticketNoticeView.element,
    text: getTicketCatalogue(config.locale),
    actions: {
      showChat: () => tickets.showChat(),
      showNew: () => tickets.showNew(),
      showList: () => tickets.showList(),
      showTicket: (id) => tickets.showTicket(id),
      back: () => tickets.back(),
      submit: (form, attachments) => tickets.submit(form, attachments),
      addInfo: (body, attachments) => tickets.addInfo(body, attachments),
      confirm: () => tickets.confirm(),
      reopen: () => tickets.reopen(),
      downloadAttachment: (id) => tickets.downloadAttachment(id),
    },
  });

  const handoff = new HandoffController({
    api: new HandoffApiClient(config.apiOrigin, (input, init) => fetch(input, init)),
    session: () => chat.ensureSession(),
    notice: noticeGate,
  });
  const handoffView = new HandoffView({
    locale: config.locale,
    notice: leaveMessageNoticeView.element,
    actions: {
      cancel: () => void handoff.cancel(),
      openLeaveMessage: () => handoff.openLeaveMessage(),
      closeLeaveMessage: () => handoff.closeLeaveMessage(),
      submitLeaveMessage: (input) => handoff.submitLeaveMessage(input),
      showMyTickets: () => void tickets.showList(),
    },
  });
  const leaveMessageReply = getHandoffCatalogue(config.locale).leaveMessageQuickReply;
  // 猜你想办: the page's path and title (never its query string, which may carry personal data) help choose.
  const recommendations = new RecommendationController({
    api: new RecommendationApiClient(config.apiOrigin, (input, init) => fetch(input, init)),
    session: () => chat.ensureSession(),
    send: (value) => privacy.canSend && chat.send(value),
    page: `${window.location.pathname} ${document.title}`.trim(),
    locale: config.locale,
  });
  const recommendationView = new RecommendationView({ title: text.recommendations, choose: (id) => recommendations.choose(id) });

  const search = new SearchController({ api: new SearchApiClient(config.apiOrigin, (input, init) => fetch(input, init)), session: () => chat.ensureSession() });
  const searchView = new SearchView(getSearchCatalogue(config.locale), {
    search: (query) => void search.search(query),
    open: (hit) => void search.open(hit),
    back: () => search.back(),
    clear: () => search.clear(),
  });
  search.subscribe((state) => searchView.render(state));

  const feedback = new FeedbackController({
    api: new FeedbackApiClient(config.apiOrigin, (input, init) => fetch(input, init)),
    session: () => chat.ensureSession(),
  });

  // Voice (#15): hold-to-talk sends a recording the server transcribes; 🔊 reads new replies aloud.
  // A recording is a message: like typed text it waits for the notice's acceptance, recorded in the ledger first.
  const talkDeps = {
    api,
    session: async () => {
      const session = await chat.ensureSession();
      if (session) await privacy.sessionReady(session).catch(() => undefined);
      return session;
    },
    received: (messages: Message[]) => chat.receiveMessages(messages),
    newId: () => randomUuid(),
  };
  const talk = new OnDemandHoldToTalk(async () => (await loadOnDemand()).createHoldToTalk(talkDeps), (state) => voiceView.render(state));
  const voiceView = new VoiceView(getVoiceCatalogue(config.locale), {
    press: () => {
      if (!privacy.canSend) return;
      speech.stop();
      talk.press();
    },
    release: () => talk.release(),
    cancel: () => talk.cancel(),
    toggleSound: () => {
      speech.toggle();
      // Fetched while the next reply is still being written, so it can play at once.
      if (speech.enabled) loadOnDemand().catch(() => undefined);
    },
  });
  const player = new OnDemandAudioPlayer(async () => (await loadOnDemand()).createAudioPlayer(voiceView.audio), () => voiceView.render({ phase: 'idle', notice: 'load_failed' }));
  const speech = new SpeechPlaybackController({ store, key: `zhida:${config.tenant}:sound`, api, session: () => chat.ensureSession(), player });
  speech.subscribe((enabled) => voiceView.renderSound(enabled));
  chat.subscribe((state) => speech.conversationChanged(state.phase === 'ready', state.entries.flatMap((e) => (e.kind === 'message' ? [e.message] : []))));
  const privacyView = new PrivacyView({
    locale: config.locale,
    text: getPrivacyCatalogue(config.locale),
    actions: privacyActions,
  });

  const view = new ChatView({
    voice: voiceView,
    locale: config.locale,
    screens: { nav: ticketView.nav, pane: ticketView.pane },
    handoff: handoffView.element,
    recommendations: recommendationView.element,
    search: searchView.element,
    privacy: { pane: privacyView.element, headerButton: privacyView.menuButton },
    decorator: combinedDecorator(documentSourceDecorator(config.apiOrigin, text.documentSource), feedbackDecorator(feedback, getFeedbackCatalogue(config.locale))),
    text,
    title: config.title,
    now: () => browserScheduler.now(),
    actions: {
      open: () => chat.open(),
      close: () => chat.close(),
      send: (value) => {
        if (!privacy.canSend) return false;
        // The bot's 留言 quick reply (nobody can take the chat) opens the form instead of asking the bot.
        if (value.trim() === leaveMessageReply && handoff.state.status.state === 'unavailable') {
          handoff.openLeaveMessage();
          return true;
        }
        recommendations.hide();
        return chat.send(value);
      },
      keystroke: () => chat.keystroke(),
      dismiss: (id) => chat.dismiss(id),
      retryStart: () => void chat.start(),
    },
  });
  document.body.append(view.host);
  privacy.subscribe((state) => {
    privacyView.render(state);
    ticketNoticeView.render(state);
    leaveMessageNoticeView.render(state);
    if (state.accepted) {
      tickets.noticeAccepted();
      handoff.noticeAccepted();
    }
  });
  chat.subscribe((state) => {
    if (state.open && privacy.state.phase === 'idle') void privacy.load();
  });
  chat.subscribe((state) => view.render(state));
  tickets.subscribe((state) => {
    ticketView.render(state);
    view.setChatVisible(state.screen === 'chat');
  });
  chat.onTicketChanged((ticketId) => tickets.ticketChanged(ticketId));
  chat.onHandoffStatus((payload) => handoff.received(payload));
  handoff.subscribe((state) => handoffView.render(state));
  recommendations.subscribe((state) => recommendationView.render(state));
  // At the welcome (nothing said yet) and after each completed task, once each.
  chat.subscribe((state) => {
    if (state.phase !== 'ready' || !state.open) return;
    const messages = state.entries.flatMap((e) => (e.kind === 'message' ? [e.message] : []));
    if (!state.entries.some((e) => e.kind === 'pending' || e.message.senderType === 'visitor')) void recommendations.load('welcome', 'welcome');
    const last = messages.at(-1);
    if (last?.senderType === 'bot' && last.meta?.kind === 'completed') void recommendations.load('after_task', last.id);
  });
  // The survey arrives as a message: its state is fetched once per survey seen, and it counts as shown while the panel is open.
  const surveysSeen = new Set<string>();
  chat.subscribe((state) => {
    for (const entry of state.entries) {
      if (entry.kind !== 'message' || !isSurveyMessage(entry.message) || surveysSeen.has(entry.message.id)) continue;
      surveysSeen.add(entry.message.id);
      feedback.messageArrived(entry.message);
    }
    if (state.open) void feedback.panelShowsSurvey();
  });
  feedback.subscribe(() => {
    view.render(chat.state);
    if (chat.state.open) void feedback.panelShowsSurvey();
  });
  // Pushes sent while the socket was down are lost: the open ticket screen and the handoff status refetch on (re)connect.
  let connection = chat.state.connection;
  chat.subscribe((state) => {
    if (state.connection === 'online' && connection === 'reconnecting') tickets.reconnected();
    if (state.phase === 'ready' && state.connection === 'online' && connection !== 'online') {
      void handoff.refresh();
      // Verdicts and the 回访's outcome may have changed while the socket was down (or on another device).
      void feedback.load();
    }
    connection = state.connection;
  });
  window.addEventListener('online', () => chat.networkRestored());

  return {
    // Unsent messages or an ongoing conversation (agent replies, unread badge) resume at once;
    // a first-time visitor costs the server nothing until they open the chat.
    resume: () => {
      if (chat.hasSomethingToResume) void chat.start();
    },
    open: () => chat.open(),
    close: () => chat.close(),
    setUser: (user) => {
      const next: VisitorIdentity = {};
      if (user.userId) next.userId = user.userId;
      if (user.userHash) next.userHash = user.userHash;
      if (user.name) next.name = user.name;
      return chat.setUser(next);
    },
  };
}

function boot(): void {
  if (window.Zhida) {
    console.warn('Zhida widget: already loaded on this page; ignoring the second copy.');
    return;
  }
  if (!ownScript) {
    console.error('Zhida widget: cannot find its <script> tag.');
    return;
  }
  let config: WidgetConfig;
  try {
    config = readWidgetConfig({ src: ownScript.src, dataset: { ...ownScript.dataset } }, window.location.href);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return;
  }
  // Calls made before the DOM is ready are queued so `Zhida.setUser()` right after the tag works.
  const queued: ((api: ZhidaGlobal) => void)[] = [];
  let api: ZhidaGlobal | null = null;
  window.Zhida = {
    open: () => (api ? api.open() : void queued.push((a) => a.open())),
    close: () => (api ? api.close() : void queued.push((a) => a.close())),
    setUser: (user) => {
      if (api) return api.setUser(user);
      queued.push((a) => a.setUser(user));
      return true;
    },
  };
  const start = () => {
    const mounted = mount(config, ownScript.src || window.location.href);
    api = mounted;
    // Queued calls first, so a setUser() issued right after the tag applies before any resume.
    for (const call of queued.splice(0)) call(mounted);
    mounted.resume();
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

boot();
