import type { NluEntity, NluParse } from '../nlu-parse.js';

/** What a test states about a parse; everything else gets a neutral default. */
export type NluParseSpec = {
  text?: string;
  intent?: string | null;
  confidence?: number;
  candidates?: { name: string; confidence: number }[];
  ambiguous?: boolean;
  outOfScope?: boolean;
  entities?: Partial<NluEntity>[];
  emotion?: NluParse['emotion']['label'];
  emotionScore?: number;
  /** The words the emotion reader took its label from. */
  emotionCues?: readonly string[];
  risk?: NluParse['risk']['level'];
  /** Default: `regulator_complaint` for a high risk, none otherwise. */
  riskReasons?: readonly string[];
  faq?: { id: string; confidence: number; intent?: string }[];
  /** The NLU's speech act; left out, the parse has none (as from an NLU before it had one). */
  act?: 'question' | 'request';
  actConfidence?: number;
};

/**
 * A hand-written NLU parse for tests.
 * @example nluParse({ text: '我要退货', intent: 'return_request', confidence: 0.9 })
 */
export function nluParse(spec: NluParseSpec = {}): NluParse {
  const text = spec.text ?? '';
  const intent = spec.intent === undefined || spec.intent === null ? null : { name: spec.intent, confidence: spec.confidence ?? 0.9 };
  return {
    text,
    normalized: text,
    intent,
    candidates: spec.candidates ?? (intent ? [intent] : []),
    ambiguous: spec.ambiguous ?? false,
    outOfScope: spec.outOfScope ?? false,
    entities: (spec.entities ?? []).map((e) => {
      const value = e.value ?? '';
      const start = Math.max(0, text.indexOf(e.text ?? value));
      return { type: e.type ?? 'unknown', value, text: e.text ?? value, start, end: start + (e.text ?? value).length, confidence: e.confidence ?? 1 };
    }),
    emotion: { label: spec.emotion ?? 'neutral', score: spec.emotionScore ?? (spec.emotion && spec.emotion !== 'neutral' ? 0.7 : 0), cues: [...(spec.emotionCues ?? [])] },
    risk: { level: spec.risk ?? 'none', reasons: spec.riskReasons ? [...spec.riskReasons] : spec.risk === 'high' ? ['regulator_complaint'] : [] },
    faq: (spec.faq ?? []).map((f) => ({ id: f.id, score: f.confidence * 10, confidence: f.confidence, ...(f.intent ? { intent: f.intent } : {}) })),
    ...(spec.act ? { act: { label: spec.act, confidence: spec.actConfidence ?? 0.99 } } : {}),
  };
}
