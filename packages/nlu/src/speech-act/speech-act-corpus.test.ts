import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize/normalize-text.js';
import { shippedSpeechActExamples, speechActCorpusSchema, speechActExamples, splitSpeechActs, SPEECH_ACT_DOMAINS } from './speech-act-corpus.js';

const examples = shippedSpeechActExamples();

describe('the shipped speech-act corpus', () => {
  it('holds at least 1 200 hand-written utterances', () => {
    expect(examples.length).toBeGreaterThanOrEqual(1200);
  });

  it('covers every domain with both labels, roughly balanced', () => {
    for (const domain of SPEECH_ACT_DOMAINS) {
      for (const act of ['question', 'request'] as const) expect(examples.filter((e) => e.domain === domain && e.act === act).length).toBeGreaterThanOrEqual(40);
    }
    const questions = examples.filter((e) => e.act === 'question').length;
    expect(questions / examples.length).toBeGreaterThan(0.4);
    expect(questions / examples.length).toBeLessThan(0.6);
  });

  it('labels no text twice', () => {
    const seen = new Map<string, string>();
    const clashes = examples.filter((e) => {
      const key = normalizeText(e.text);
      const before = seen.get(key);
      seen.set(key, e.act);
      return before !== undefined;
    });
    expect(clashes.map((e) => e.text)).toEqual([]);
  });

  it.each(['speech-acts.frozen.json', 'speech-acts-challenge.frozen.json'])('shares no text with the frozen evaluation set %s', (file) => {
    const frozen = speechActExamples(speechActCorpusSchema.parse(JSON.parse(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8'))));
    const trained = new Set(examples.map((e) => normalizeText(e.text)));
    expect(frozen.filter((e) => trained.has(normalizeText(e.text))).map((e) => e.text)).toEqual([]);
  });
});

describe('the held-out split', () => {
  it('keeps back a fifth of each domain and label, the same way every time', () => {
    const a = splitSpeechActs(examples, { holdOut: 0.2, seed: 42 });
    const b = splitSpeechActs(examples, { holdOut: 0.2, seed: 42 });
    expect(a).toEqual(b);
    expect(a.train.length + a.test.length).toBe(examples.length);
    const ratio = a.test.length / examples.length;
    expect(ratio).toBeGreaterThan(0.18);
    expect(ratio).toBeLessThan(0.22);
    const trained = new Set(a.train.map((e) => e.text));
    expect(a.test.some((e) => trained.has(e.text))).toBe(false);
  });
});
