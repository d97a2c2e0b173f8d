import type { SearchHit } from '@zhida/client/search-api-client';
import { describe, expect, it } from 'vitest';
import { SearchController, type SearchState } from './search-controller.js';
import type { VisitorSession } from './widget-api-client.js';

const SESSION: VisitorSession = { conversationId: 'c-1', visitorToken: 'vt' };
const faq: SearchHit = { type: 'faq', id: 'f-1', title: '怎么退货？', snippet: '在「我的订单」中申请售后。', score: 3 };
const order: SearchHit = { type: 'order', id: 'o-1', title: '订单 20261124883304', snippet: '已发货 · 顺丰 SF1234', score: 100 };

class FakeSearchApi {
  readonly calls: string[] = [];
  results: Record<string, SearchHit[]> = { 退货: [faq, order] };
  failOpen = false;
  pending = new Map<string, (hits: SearchHit[]) => void>();
  holdQueries = new Set<string>();

  search(_session: VisitorSession, q: string): Promise<SearchHit[]> {
    this.calls.push(`search ${q}`);
    if (this.holdQueries.has(q)) return new Promise((resolve) => this.pending.set(q, resolve));
    if (q === '故障') return Promise.reject(new Error('503'));
    return Promise.resolve(this.results[q] ?? []);
  }
  open(_session: VisitorSession, hit: { type: 'faq' | 'article'; id: string }) {
    this.calls.push(`open ${hit.type}:${hit.id}`);
    if (this.failOpen) return Promise.reject(new Error('offline'));
    return Promise.resolve({ type: hit.type, id: hit.id, title: '怎么退货？', body: '在「我的订单」中申请售后，选择退货退款。' });
  }
  recordClick(_session: VisitorSession, click: { q: string; type: string; id: string }): Promise<void> {
    this.calls.push(`click ${click.q} ${click.type}:${click.id}`);
    return Promise.resolve();
  }
}

function setup(session: VisitorSession | null = SESSION) {
  const api = new FakeSearchApi();
  const controller = new SearchController({ api, session: () => Promise.resolve(session) });
  const states: SearchState[] = [];
  controller.subscribe((s) => states.push(s));
  return { api, controller, states };
}

describe('self-service search in the widget', () => {
  it('shows the hits of a submitted query, and opening an FAQ records the click and shows the whole answer', async () => {
    const { api, controller, states } = setup();
    await controller.search('  退货 ');
    expect(states.map((s) => s.phase)).toEqual(['idle', 'searching', 'results']);
    await controller.open(faq);
    expect(api.calls).toEqual(['search 退货', 'click 退货 faq:f-1', 'open faq:f-1']);
    expect(controller.state).toMatchObject({ phase: 'answer', answer: { title: '怎么退货？', body: '在「我的订单」中申请售后，选择退货退款。' } });
    controller.back();
    expect(controller.state).toMatchObject({ phase: 'results', query: '退货', hits: [faq, order] });
  });

  it("opens a customer record from its summary (it has no page of its own) and still records the click", async () => {
    const { api, controller } = setup();
    await controller.search('退货');
    await controller.open(order);
    expect(api.calls).toEqual(['search 退货', 'click 退货 order:o-1']);
    expect(controller.state).toMatchObject({ phase: 'answer', answer: { type: 'order', title: '订单 20261124883304', body: '已发货 · 顺丰 SF1234' } });
  });

  it('says when nothing was found and when search failed, and a blank query just closes', async () => {
    const { controller } = setup();
    await controller.search('火星文');
    expect(controller.state).toEqual({ phase: 'none', query: '火星文' });
    await controller.search('故障');
    expect(controller.state).toEqual({ phase: 'failed', query: '故障' });
    await controller.search('   ');
    expect(controller.state).toEqual({ phase: 'idle' });
  });

  it('falls back to the snippet when the answer cannot be loaded', async () => {
    const { api, controller } = setup();
    api.failOpen = true;
    await controller.search('退货');
    await controller.open(faq);
    expect(controller.state).toMatchObject({ phase: 'answer', answer: { title: '怎么退货？', body: '在「我的订单」中申请售后。' } });
  });

  it('drops a slow answer to an older query once a newer one has been asked', async () => {
    const { api, controller } = setup();
    api.holdQueries.add('退');
    const slow = controller.search('退');
    await controller.search('退货');
    api.pending.get('退')!([order]);
    await slow;
    expect(controller.state).toMatchObject({ phase: 'results', query: '退货', hits: [faq, order] });
  });

  it('does not open what the current results do not contain, and fails softly without a session', async () => {
    const { api, controller } = setup();
    await controller.open(faq);
    expect(api.calls).toEqual([]);
    const offline = setup(null);
    await offline.controller.search('退货');
    expect(offline.controller.state).toEqual({ phase: 'failed', query: '退货' });
  });
});
