import { describe, expect, it } from 'vitest';
import { withoutTransferPromise } from './without-transfer-promise.js';

describe('withoutTransferPromise', () => {
  const meta = { kind: 'handoff', record: { intent: 'human_agent' }, risk: 'high' };

  it('replaces the promise of a transfer with an apology, keeping the turn record on the first reply', () => {
    const out = withoutTransferPromise(
      [
        { text: '非常抱歉，已为您优先转接人工客服。', quickReplies: ['好的'], meta },
        { text: '请稍候。', quickReplies: [], meta },
      ],
      'zh-CN',
    );
    expect(out).toEqual([{ text: '非常抱歉给您带来不便。', quickReplies: [], meta }]);
    expect(out.map((r) => r.text).join('')).not.toMatch(/转接/);
  });

  it('speaks English to an English visitor, and leaves an empty turn empty', () => {
    expect(withoutTransferPromise([{ text: 'Transferring you to an agent.', quickReplies: [], meta }], 'en')[0]!.text).toBe("I'm sorry for the trouble.");
    expect(withoutTransferPromise([], 'zh-CN')).toEqual([]);
  });
});
