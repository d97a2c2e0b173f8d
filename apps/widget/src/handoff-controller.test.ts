import { describe, expect, it } from 'vitest';
import type { HandoffApiClient } from './handoff-api-client.js';
import { HandoffController } from './handoff-controller.js';
import { NO_HANDOFF, type HandoffStatus, type LeftMessage } from './handoff-status-schema.js';
import { settle } from './test-support/manual-scheduler.js';
import type { VisitorSession } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

const SESSION: VisitorSession = { conversationId: 'conv-1', visitorToken: 'token-1' };
const waiting = (ahead: number, etaSeconds: number): HandoffStatus => ({ ...NO_HANDOFF, state: 'waiting', ahead, etaSeconds });

/** The server's handoff side in memory; each call can be held open to order answers against pushes. */
class FakeHandoffApi implements Pick<HandoffApiClient, 'status' | 'cancel' | 'leaveMessage'> {
  current: HandoffStatus = NO_HANDOFF;
  readonly calls: string[] = [];
  readonly left: { text: string; phone?: string }[] = [];
  fail: WidgetApiError | null = null;
  #held: (() => void)[] = [];
  hold = false;

  async status(session: VisitorSession): Promise<HandoffStatus> {
    this.calls.push(`status ${session.conversationId}`);
    const answer = this.current;
    await this.#maybeHold();
    return answer;
  }

  async cancel(session: VisitorSession): Promise<HandoffStatus> {
    this.calls.push(`cancel ${session.conversationId}`);
    await this.#maybeHold();
    if (this.fail) throw this.fail;
    this.current = NO_HANDOFF;
    return this.current;
  }

  async leaveMessage(session: VisitorSession, message: { text: string; phone?: string }): Promise<LeftMessage> {
    this.calls.push(`leave ${session.conversationId}`);
    await this.#maybeHold();
    if (this.fail) throw this.fail;
    this.left.push(message);
    return { ticketNumber: 'GD202612070001' };
  }

  release(): void {
    for (const resume of this.#held.splice(0)) resume();
  }

  #maybeHold(): Promise<void> {
    return this.hold ? new Promise((resolve) => this.#held.push(resolve)) : Promise.resolve();
  }
}

function setup(session: VisitorSession | null = SESSION) {
  const api = new FakeHandoffApi();
  const handoff = new HandoffController({ api, session: async () => session });
  return { api, handoff };
}

describe('the widget’s way to a human', () => {
  it('shows the queue position pushed over the socket and updates it live', () => {
    const { handoff } = setup();
    expect(handoff.state.status.state).toBe('none');
    handoff.received(waiting(2, 60));
    expect(handoff.state.status).toMatchObject({ state: 'waiting', ahead: 2, etaSeconds: 60 });
    handoff.received(waiting(1, 30));
    expect(handoff.state.status).toMatchObject({ ahead: 1 });
    handoff.received({ ...NO_HANDOFF, state: 'connected', agentName: '小王' });
    expect(handoff.state.status).toMatchObject({ state: 'connected', agentName: '小王' });
  });

  it('ignores a push that does not match the contract', () => {
    const { handoff } = setup();
    handoff.received(waiting(2, 60));
    handoff.received({ state: 'teleported' });
    handoff.received('garbage');
    expect(handoff.state.status).toMatchObject({ state: 'waiting', ahead: 2 });
  });

  it('picks the status up again after a reload or reconnect', async () => {
    const { api, handoff } = setup();
    api.current = waiting(3, 240);
    await handoff.refresh();
    expect(api.calls).toEqual(['status conv-1']);
    expect(handoff.state.status).toMatchObject({ state: 'waiting', ahead: 3 });
  });

  it('does not let a slow refetch overwrite a newer push', async () => {
    const { api, handoff } = setup();
    api.current = waiting(3, 240);
    api.hold = true;
    const refreshing = handoff.refresh();
    await settle();
    handoff.received({ ...NO_HANDOFF, state: 'connected', agentName: '小王' });
    api.release();
    await refreshing;
    expect(handoff.state.status).toMatchObject({ state: 'connected', agentName: '小王' });
  });

  it('does not fetch anything before there is a conversation', async () => {
    const { api, handoff } = setup(null);
    await handoff.refresh();
    expect(api.calls).toEqual([]);
  });

  it('cancels the wait once, however often the button is pressed', async () => {
    const { api, handoff } = setup();
    handoff.received(waiting(1, 60));
    api.hold = true;
    const first = handoff.cancel();
    const second = handoff.cancel();
    expect(handoff.state.cancelling).toBe(true);
    await settle();
    api.release();
    await Promise.all([first, second]);
    expect(api.calls).toEqual(['cancel conv-1']);
    expect(handoff.state).toMatchObject({ cancelling: false, status: { state: 'none' } });
  });

  it('keeps waiting and says why when cancelling failed', async () => {
    const { api, handoff } = setup();
    handoff.received(waiting(1, 60));
    api.fail = new WidgetApiError('network_error', 0, 'Failed to fetch');
    await handoff.cancel();
    expect(handoff.state).toMatchObject({ cancelling: false, status: { state: 'waiting' }, error: { code: 'network_error' } });
  });

  it('does not cancel when nothing is waiting', async () => {
    const { api, handoff } = setup();
    handoff.received({ ...NO_HANDOFF, state: 'connected', agentName: '小王' });
    await handoff.cancel();
    expect(api.calls).toEqual([]);
  });

  describe('when nobody can take the chat', () => {
    const unavailable: HandoffStatus = { ...NO_HANDOFF, state: 'unavailable', message: '当前为非工作时间（工作日 9:00–18:00）' };

    it('leaves a message that becomes a ticket and shows its number', async () => {
      const { api, handoff } = setup();
      handoff.received(unavailable);
      handoff.openLeaveMessage();
      expect(handoff.state.form).toBe('open');
      const sent = await handoff.submitLeaveMessage({ text: ' 宽带断了三天 ', mobile: '138 0013 8000' });
      expect(sent).toBe(true);
      expect(api.left).toEqual([{ text: '宽带断了三天', phone: '13800138000' }]);
      expect(handoff.state).toMatchObject({ form: 'closed', status: { state: 'left_message' }, leftMessage: { ticketNumber: 'GD202612070001' } });
    });

    it('keeps the form and names the problem when the input is wrong, without calling the server', async () => {
      const { api, handoff } = setup();
      handoff.received(unavailable);
      handoff.openLeaveMessage();
      expect(await handoff.submitLeaveMessage({ text: '', mobile: '12345' })).toBe(false);
      expect(handoff.state).toMatchObject({ form: 'open', problems: { text: 'required', mobile: 'invalid_mobile' } });
      expect(api.calls).toEqual([]);
    });

    it('keeps the form open with the server’s reason when it refused', async () => {
      const { api, handoff } = setup();
      handoff.received(unavailable);
      handoff.openLeaveMessage();
      api.fail = new WidgetApiError('validation_failed', 400, '留言内容过长');
      expect(await handoff.submitLeaveMessage({ text: '请回电', mobile: '' })).toBe(false);
      expect(handoff.state).toMatchObject({ form: 'open', error: { code: 'validation_failed', message: '留言内容过长' }, leftMessage: null });
    });

    it('sends a message once even when submitted twice quickly', async () => {
      const { api, handoff } = setup();
      handoff.received(unavailable);
      handoff.openLeaveMessage();
      api.hold = true;
      const first = handoff.submitLeaveMessage({ text: '请回电', mobile: '' });
      const second = handoff.submitLeaveMessage({ text: '请回电', mobile: '' });
      await settle();
      api.release();
      expect(await Promise.all([first, second])).toEqual([true, false]);
      expect(api.left).toHaveLength(1);
    });

    it('closes an unsent form when an agent becomes available after all', () => {
      const { handoff } = setup();
      handoff.received(unavailable);
      handoff.openLeaveMessage();
      handoff.received(waiting(0, 30));
      expect(handoff.state.form).toBe('closed');
    });
    it('holds the 留言 back until the privacy notice is accepted, and records the acceptance before sending it', async () => {
      const api = new FakeHandoffApi();
      const order: string[] = [];
      let accepted = false;
      const notice = { accepted: () => accepted, beforeSending: async (s: VisitorSession) => void order.push(`ledger ${s.conversationId}`) };
      const handoff = new HandoffController({ api, session: async () => SESSION, notice });
      handoff.received(unavailable);
      handoff.openLeaveMessage();
      expect(await handoff.submitLeaveMessage({ text: '宽带断了三天', mobile: '13800138000' })).toBe(false);
      expect(handoff.state).toMatchObject({ form: 'open', error: { code: 'privacy_notice_required' } });
      expect(api.calls).toEqual([]);
      expect(order).toEqual([]);

      accepted = true;
      handoff.noticeAccepted();
      expect(handoff.state.error).toBeNull();
      expect(await handoff.submitLeaveMessage({ text: '宽带断了三天', mobile: '13800138000' })).toBe(true);
      order.push(...api.calls);
      expect(order).toEqual(['ledger conv-1', 'leave conv-1']);
    });
  });
});
