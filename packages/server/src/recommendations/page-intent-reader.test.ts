import { describe, expect, it } from 'vitest';
import { PageIntentReader } from './page-intent-reader.js';

const ctx = { tenantId: 't-1' };

/** A model that records what it was asked and answers from a table. */
function brains(answers: Record<string, { name: string; confidence: number }>, options: { delayMs?: number; fail?: boolean } = {}) {
  const asked: string[] = [];
  const model = { parse: (text: string) => (asked.push(text), { intent: answers[text] ?? null }) };
  return {
    asked,
    get: () => (options.fail ? Promise.reject(new Error('no bot config')) : new Promise<{ model: typeof model }>((resolve) => setTimeout(() => resolve({ model }), options.delayMs ?? 0))),
  };
}

describe("reading a page's title with the tenant's NLU", () => {
  it('reads the title without the path, and names the service the model is sure of', async () => {
    const b = brains({ 我的包裹: { name: 'logistics_delay', confidence: 0.99 } });
    expect(await new PageIntentReader(b).read(ctx, '/user/parcel 我的包裹')).toBe('logistics_delay');
    expect(b.asked).toEqual(['我的包裹']);
  });

  it('ignores an unsure reading, a page that is only a path, and no page', async () => {
    const b = brains({ 首页: { name: 'material_upload', confidence: 0.61 } });
    const reader = new PageIntentReader(b);
    expect(await reader.read(ctx, '/ 首页')).toBeNull();
    expect(await reader.read(ctx, '/order/list https://shop.example.com/x')).toBeNull();
    expect(await reader.read(ctx, null)).toBeNull();
    expect(b.asked).toEqual(['首页']);
  });

  it('does not hold the list up for a model still training, nor fail without one', async () => {
    expect(await new PageIntentReader(brains({ 我的包裹: { name: 'logistics_delay', confidence: 0.99 } }, { delayMs: 2_000 })).read(ctx, '我的包裹')).toBeNull();
    expect(await new PageIntentReader(brains({}, { fail: true })).read(ctx, '我的包裹')).toBeNull();
  });
});
