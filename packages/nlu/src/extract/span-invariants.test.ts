import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { extractEntities } from './extract-entities.js';
import { Gazetteer } from './gazetteer.js';
import { maskPii } from './mask-pii.js';

// Pieces customers actually type, glued together at random (with a fixed seed) so that patterns meet
// each other at odd boundaries: a phone right after a date, an ID inside a sentence, full-width digits.
const PIECES = [
  '订单号', 'DD20241125000123', '13812345678', '１３８１２３４５６７８', '11010519491231002X', '6222020655490123',
  '明天下午三点', '下周一', '3号', '半小时后', '300元', '三百块', '百分之五十', '2件', '空气炸锅', 'iPhone 15',
  'zhang@example.com', '北京市朝阳区建国路88号', '幸福小区3栋2单元501室', '粤B·D12345', 'SF1234567890123',
  '，', '。', '！！', '？', ' ', '我', '的', '快递', '还没到', '\u0000', '\uD800', '週三上午１０點半', '+86 ',
];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function messages(count: number): string[] {
  const random = seeded(20261125);
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(random() * 8);
    return Array.from({ length: n }, () => PIECES[Math.floor(random() * PIECES.length)] ?? '').join('');
  });
}

const gazetteer = Gazetteer.fromGraph({
  nodes: [
    { id: 'air_fryer', type: 'product', name: '空气炸锅' },
    { id: 'iphone15', type: 'product', name: 'iPhone 15' },
  ],
  edges: [],
});
const now = new Date('2026-11-25T10:00:00+08:00');

describe('span invariants over 500 generated messages', () => {
  const corpus = messages(500);

  it('every entity’s text is exactly the slice of the message it points at, and entities never overlap', () => {
    for (const text of corpus) {
      const entities = extractEntities(text, { gazetteer, now });
      let lastEnd = 0;
      for (const e of entities) {
        expect(text.slice(e.start, e.end)).toBe(e.text);
        expect(e.start).toBeGreaterThanOrEqual(lastEnd);
        expect(e.confidence).toBeGreaterThan(0);
        expect(e.confidence).toBeLessThanOrEqual(1);
        lastEnd = e.end;
      }
    }
  });

  it('every PII match points at its text, none overlap, and masking removes the original', () => {
    for (const text of corpus) {
      const matches = detectPii(text);
      let lastEnd = 0;
      for (const m of matches) {
        expect(text.slice(m.start, m.end)).toBe(m.text);
        expect(m.start).toBeGreaterThanOrEqual(lastEnd);
        lastEnd = m.end;
      }
      let spliced = '';
      let last = 0;
      for (const m of matches) {
        expect(m.masked).not.toBe(m.text);
        spliced += text.slice(last, m.start) + m.masked;
        last = m.end;
      }
      expect(maskPii(text)).toBe(spliced + text.slice(last));
    }
  });

  it('finds the planted ID card wherever it is not glued to other digits or letters', () => {
    const glued = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]11010519491231002X|11010519491231002X[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/;
    const planted = corpus.filter((t) => t.includes('11010519491231002X') && !glued.test(t));
    expect(planted.length).toBeGreaterThan(10);
    for (const text of planted) {
      expect(detectPii(text).some((m) => m.type === 'id_card' && m.text === '11010519491231002X')).toBe(true);
    }
  });
});
