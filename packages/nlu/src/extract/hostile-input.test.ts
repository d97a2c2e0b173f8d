import { describe, expect, it } from 'vitest';
import { detectEmotion } from './detect-emotion.js';
import { detectPii } from './detect-pii.js';
import { detectRisk } from './detect-risk.js';
import { extractEntities } from './extract-entities.js';
import { Gazetteer } from './gazetteer.js';
import { maskPii } from './mask-pii.js';

const gazetteer = Gazetteer.fromGraph({ nodes: [{ id: 'a', type: 'product', name: '空气炸锅' }], edges: [] });
const now = new Date('2026-11-25T10:00:00+08:00');

const inputs: [string, string][] = [
  ['empty', ''],
  ['NUL bytes', '\u0000\u0000订单\u000013812345678\u0000'],
  ['lone surrogates', '\uD800明天\uDC00下午三点\uD83D'],
  ['100 KB of digits', '1'.repeat(100_000)],
  ['100 KB of dates', '明天'.repeat(50_000)],
  ['100 KB of near-e-mails', 'a.'.repeat(50_000) + '@'],
  ['100 KB of Han text', '好'.repeat(100_000)],
  ['100 KB of address markers', '路1号'.repeat(33_000)],
  ['emoji and combining marks', '👍🏽é\u0301😡'.repeat(10)],
];

describe('hostile input', () => {
  it.each(inputs)('every function survives %s', (_name, text) => {
    expect(() => extractEntities(text, { gazetteer, now })).not.toThrow();
    expect(() => detectPii(text)).not.toThrow();
    expect(() => maskPii(text)).not.toThrow();
    expect(() => detectEmotion(text)).not.toThrow();
    expect(() => detectRisk(text, [text])).not.toThrow();
  });

  it('keeps offsets valid on input with lone surrogates', () => {
    const text = '\uD800明天\uDC00下午三点';
    for (const e of extractEntities(text, { now })) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('still finds data next to NUL bytes', () => {
    expect(maskPii('\u000013812345678\u0000')).toBe('\u0000138****5678\u0000');
  });
});
