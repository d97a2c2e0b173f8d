import { describe, expect, it } from 'vitest';
import type { ConsentScope, PrivacyNotice, VisitorConsents } from './privacy-api-client.js';
import { PrivacyController } from './privacy-controller.js';
import { WidgetApiError } from './widget-api-error.js';

const session = { conversationId: 'c-1', visitorToken: 'vt' };

/** A ledger kept the way the server keeps it: the latest row per scope is the state. */
function fakeApi(notice: PrivacyNotice) {
  const rows: { scope: ConsentScope; action: 'granted' | 'withdrawn'; noticeVersion: number }[] = [];
  let current = notice;
  const api = {
    notice: async () => current,
    consents: async (): Promise<VisitorConsents> => {
      const state: VisitorConsents['current'] = {};
      for (const r of rows) state[r.scope] = { granted: r.action === 'granted', noticeVersion: r.noticeVersion, at: '2026-12-07T08:00:00Z' };
      return { current: state, history: [] };
    },
    record: async (_s: typeof session, consent: (typeof rows)[number]) => {
      if (consent.noticeVersion !== current.version) throw new WidgetApiError('notice_version_mismatch', 409, 'stale');
      rows.push(consent);
      return { id: String(rows.length), scope: consent.scope, action: consent.action, noticeVersion: consent.noticeVersion, createdAt: '2026-12-07T08:00:00Z' };
    },
  };
  return { api, rows, publish: (next: PrivacyNotice) => (current = next) };
}

const NOTICE: PrivacyNotice = { text: '我们仅为本次服务处理您的信息。', url: 'https://shop.example.cn/privacy', version: 2, required: false };

describe('privacy notice and consents in the widget', () => {
  it('shows the notice at once, blocks sending until it is accepted, and records an early acceptance before anything is sent', async () => {
    const { api, rows } = fakeApi(NOTICE);
    const privacy = new PrivacyController({ api, tenant: 'shop', resuming: false });
    await privacy.load();
    expect(privacy.state).toMatchObject({ phase: 'ready', accepted: false, awaitingSession: false, notice: NOTICE });
    expect(privacy.canSend).toBe(false);
    await privacy.accept();
    // No session yet: the visitor may type, and the ledger gets the acceptance when the session is ready.
    expect(privacy.canSend).toBe(true);
    expect(rows).toEqual([]);
    await privacy.sessionReady(session);
    expect(rows).toEqual([{ scope: 'notice', action: 'granted', noticeVersion: 2 }]);
    expect(privacy.state.consents.notice?.granted).toBe(true);
  });

  it('knows a returning visitor accepted already, and asks again after a withdrawal or a new notice version', async () => {
    const { api, rows, publish } = fakeApi(NOTICE);
    rows.push({ scope: 'notice', action: 'granted', noticeVersion: 2 });
    const privacy = new PrivacyController({ api, tenant: 'shop', resuming: true });
    await privacy.sessionReady(session);
    await privacy.load();
    expect(privacy.state).toMatchObject({ accepted: true, awaitingSession: false });
    await privacy.withdraw('notice');
    expect(privacy.canSend).toBe(false);
    publish({ ...NOTICE, text: '新版告知：我们会保存对话记录 180 天。', version: 3 });
    await privacy.accept();
    // The notice changed while on screen: the new text is shown and must be accepted itself.
    expect(privacy.state.notice?.version).toBe(3);
    expect(privacy.canSend).toBe(false);
    await privacy.accept();
    expect(rows.at(-1)).toEqual({ scope: 'notice', action: 'granted', noticeVersion: 3 });
    expect(privacy.canSend).toBe(true);
  });

  it('lists a consent given through the bot when the settings open, and withdraws it', async () => {
    const { api, rows } = fakeApi(NOTICE);
    const privacy = new PrivacyController({ api, tenant: 'shop', resuming: false });
    await privacy.load();
    await privacy.sessionReady(session);
    rows.push({ scope: 'sensitive_identity', action: 'granted', noticeVersion: 2 });
    await privacy.toggleMenu();
    expect(privacy.state.consents.sensitive_identity?.granted).toBe(true);
    await privacy.withdraw('sensitive_identity');
    expect(privacy.state.consents.sensitive_identity?.granted).toBe(false);
    expect(rows.at(-1)).toEqual({ scope: 'sensitive_identity', action: 'withdrawn', noticeVersion: 2 });
  });

  it('reports a failed load and a failed save, and recovers on retry', async () => {
    const { api } = fakeApi(NOTICE);
    let down = true;
    const flaky = { ...api, notice: async () => (down ? Promise.reject(new WidgetApiError('network', 0, 'offline')) : api.notice()) };
    const privacy = new PrivacyController({ api: flaky, tenant: 'shop', resuming: false });
    await privacy.load();
    expect(privacy.state.phase).toBe('failed');
    down = false;
    await privacy.load();
    expect(privacy.state.phase).toBe('ready');
    const failing = new PrivacyController({ api: { ...api, record: async () => Promise.reject(new WidgetApiError('network', 0, 'offline')) }, tenant: 'shop', resuming: false });
    await failing.load();
    await failing.sessionReady(session);
    await failing.accept();
    expect(failing.state).toMatchObject({ saveFailed: true, accepted: false, saving: false });
  });
});
