import { describe, expect, it } from 'vitest';
import { MessageTimeline } from './message-timeline.js';
import { messageFixture as msg } from './test-support/message-fixture.js';

const texts = (timeline: MessageTimeline) =>
  timeline.entries().map((e) => (e.kind === 'message' ? e.message.text : `(${e.pending.status}) ${e.pending.text}`));

describe('message timeline', () => {
  it('shows a reply once although it came from the POST response, the socket and a resync', () => {
    const timeline = new MessageTimeline();
    const reply = msg({ seq: 2, text: '您的订单已发货' });
    expect(timeline.merge([reply])).toHaveLength(1);
    expect(timeline.merge([reply])).toEqual([]);
    expect(timeline.mergeFetched(0, [msg({ seq: 1, text: '您好' }), reply])).toHaveLength(1);
    expect(texts(timeline)).toEqual(['您好', '您的订单已发货']);
  });

  it('orders by seq even when messages arrive out of order', () => {
    const timeline = new MessageTimeline();
    timeline.merge([msg({ seq: 3 })]);
    timeline.merge([msg({ seq: 1 }), msg({ seq: 2 })]);
    expect(texts(timeline)).toEqual(['message 1', 'message 2', 'message 3']);
    expect(timeline.lastSeq).toBe(3);
  });

  it('keeps a typed message pending until the server confirms it, then shows only the confirmed copy', () => {
    const timeline = new MessageTimeline();
    timeline.merge([msg({ seq: 1, text: '欢迎' })]);
    timeline.addPending({ clientMsgId: 'cm-1', text: '我的快递到哪了', createdAt: '2026-11-25T08:01:00.000Z' });
    expect(texts(timeline)).toEqual(['欢迎', '(sending) 我的快递到哪了']);

    timeline.setPendingStatus('cm-1', 'retrying');
    expect(texts(timeline)).toEqual(['欢迎', '(retrying) 我的快递到哪了']);

    timeline.merge([msg({ seq: 2, senderType: 'visitor', text: '我的快递到哪了', clientMsgId: 'cm-1' })]);
    expect(texts(timeline)).toEqual(['欢迎', '我的快递到哪了']);
  });

  it('does not resurrect a pending bubble for a message the socket already confirmed', () => {
    const timeline = new MessageTimeline();
    timeline.merge([msg({ seq: 1, senderType: 'visitor', text: '你好', clientMsgId: 'cm-9' })]);
    timeline.addPending({ clientMsgId: 'cm-9', text: '你好', createdAt: '2026-11-25T08:01:00.000Z' });
    expect(texts(timeline)).toEqual(['你好']);
  });

  it('lists unconfirmed messages after confirmed ones, in the order they were typed', () => {
    const timeline = new MessageTimeline();
    timeline.addPending({ clientMsgId: 'a', text: 'first', createdAt: '2026-11-25T08:01:00.000Z' });
    timeline.addPending({ clientMsgId: 'b', text: 'second', createdAt: '2026-11-25T08:01:01.000Z' });
    timeline.merge([msg({ seq: 1, text: 'welcome' })]);
    expect(texts(timeline)).toEqual(['welcome', '(sending) first', '(sending) second']);
  });

  describe('resync point', () => {
    it('advances through contiguous seqs from any source', () => {
      const timeline = new MessageTimeline();
      timeline.mergeFetched(0, [msg({ seq: 1 }), msg({ seq: 2 })]);
      timeline.merge([msg({ seq: 3 })]);
      expect(timeline.resumeSeq).toBe(3);
    });

    it('stays before a message missed during a disconnect, even if later ones arrived by HTTP', () => {
      const timeline = new MessageTimeline();
      timeline.mergeFetched(0, [msg({ seq: 1 }), msg({ seq: 2 })]);
      // seq 3 (an agent message) was pushed while the socket was down; 4 and 5 came back in a POST response.
      timeline.merge([msg({ seq: 4 }), msg({ seq: 5 })]);
      expect(timeline.lastSeq).toBe(5);
      expect(timeline.resumeSeq).toBe(2);

      timeline.mergeFetched(2, [msg({ seq: 3, senderType: 'agent' }), msg({ seq: 4 }), msg({ seq: 5 })]);
      expect(timeline.resumeSeq).toBe(5);
      expect(timeline.size).toBe(5);
    });

    it('trusts a fetched range to be complete, so gaps in server numbering do not cause endless refetching', () => {
      const timeline = new MessageTimeline();
      timeline.mergeFetched(0, [msg({ seq: 10 }), msg({ seq: 12 })]);
      expect(timeline.resumeSeq).toBe(12);
    });

    it('does not jump over an unfetched range when a later page is merged', () => {
      const timeline = new MessageTimeline();
      timeline.mergeFetched(0, [msg({ seq: 1 })]);
      timeline.mergeFetched(5, [msg({ seq: 6 })]);
      expect(timeline.resumeSeq).toBe(1);
    });
  });
  it('never shows an internal note, even one the server should not have sent, yet resyncs past its seq', () => {
    const timeline = new MessageTimeline();
    const note = msg({ seq: 2, senderType: 'agent', text: '客户情绪激动，先安抚', internal: true });
    expect(timeline.merge([msg({ seq: 1, text: '您好' }), note])).toHaveLength(1);
    expect(timeline.mergeFetched(0, [msg({ seq: 1, text: '您好' }), note, msg({ seq: 3, text: '客服 小王 已接入', senderType: 'system' })])).toHaveLength(1);
    expect(texts(timeline)).toEqual(['您好', '客服 小王 已接入']);
    expect(timeline.resumeSeq).toBe(3);
  });
});
