import { describe, expect, it } from 'vitest';
import type { RecommendationApiClient, RecommendationList } from './recommendation-api-client.js';
import { RecommendationController } from './recommendation-controller.js';
import type { VisitorSession } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

const SESSION: VisitorSession = { conversationId: 'conv-1', visitorToken: 'token-1' };
const LIST: RecommendationList = {
  impressionId: 'imp-1',
  items: [
    { id: 'logistics_delay', label: '物流查询', utterance: '我的快递到哪了', reason: '订单 2026… 已发货' },
    { id: 'invoice_request', label: '开发票', utterance: '我要开发票', reason: '大家都在办' },
  ],
};

class FakeApi implements Pick<RecommendationApiClient, 'list' | 'click'> {
  readonly calls: string[] = [];
  answer: RecommendationList | Error = LIST;
  async list(session: VisitorSession, query: { moment: string; page: string; locale: string }) {
    this.calls.push(`list ${session.conversationId} ${query.moment} ${query.page}`);
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
  async click(session: VisitorSession, impressionId: string, itemId: string) {
    this.calls.push(`click ${impressionId} ${itemId}`);
    return {};
  }
}

function setup(sendOk = true) {
  const api = new FakeApi();
  const sent: string[] = [];
  const controller = new RecommendationController({ api, session: async () => SESSION, send: (text) => (sent.push(text), sendOk), page: '/orders 我的订单', locale: 'zh-CN' });
  return { api, sent, controller };
}

describe('猜你想办 in the widget', () => {
  it('loads once per moment and shows the services', async () => {
    const { api, controller } = setup();
    await controller.load('welcome', 'welcome');
    await controller.load('welcome', 'welcome');
    expect(api.calls).toEqual(['list conv-1 welcome /orders 我的订单']);
    expect(controller.state.items.map((i) => i.label)).toEqual(['物流查询', '开发票']);
  });

  it('a pick sends its request as the visitor, records the click and hides the row', async () => {
    const { api, sent, controller } = setup();
    await controller.load('welcome', 'welcome');
    controller.choose('logistics_delay');
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual(['我的快递到哪了']);
    expect(api.calls).toContain('click imp-1 logistics_delay');
    expect(controller.state.items).toEqual([]);
    // A second pick on a hidden row does nothing.
    controller.choose('invoice_request');
    expect(sent).toHaveLength(1);
  });

  it('records no click when the message could not be sent', async () => {
    const { api, controller } = setup(false);
    await controller.load('after_task', 'msg-9');
    controller.choose('invoice_request');
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls.filter((c) => c.startsWith('click'))).toEqual([]);
    expect(controller.state.items).toHaveLength(2);
  });

  it('shows nothing when the server has nothing or fails', async () => {
    const { api, controller } = setup();
    api.answer = { impressionId: null, items: [] };
    await controller.load('welcome', 'welcome');
    expect(controller.state.items).toEqual([]);
    api.answer = new WidgetApiError('network_error', 0, 'offline');
    await controller.load('after_task', 'msg-1');
    expect(controller.state.items).toEqual([]);
  });
});
