/** Why the bot said what it said, and what it noticed about the visitor, as far as the message meta tells. */
export interface BotReplyInfo {
  kind: BotReplyKind | null;
  intent: string | null;
  /** 0–1. */
  confidence: number | null;
  /** Only the emotions an agent should act on. */
  emotion: 'anger' | 'anxiety' | null;
  risk: 'medium' | 'high' | null;
}

const botReplyKinds = [
  'answered',
  'clarified',
  'slot_filled',
  'action',
  'completed',
  'cancelled',
  'fallback',
  'handoff',
  'resumed',
  'faq',
  'welcome',
] as const;
export type BotReplyKind = (typeof botReplyKinds)[number];

/**
 * Reads the bot's reasoning from `Message.meta`. The contract leaves meta open,
 * so every field is checked (top level first, then the dialogue's turn `record`)
 * and unknown shapes yield null rather than noise.
 * @example botReplyInfo({ kind: 'answered', record: { intent: 'return_goods', confidence: 0.91 }, emotion: 'anger', risk: 'none' })
 * // { kind: 'answered', intent: 'return_goods', confidence: 0.91, emotion: 'anger', risk: null }
 */
export function botReplyInfo(meta: Record<string, unknown>): BotReplyInfo | null {
  const record = isRecord(meta.record) ? meta.record : {};
  const kind = oneOf(meta.kind, botReplyKinds);
  const intentValue = stringValue(meta.intent) ?? stringValue(record.intent);
  const confidence = probability(meta.confidence) ?? probability(record.confidence);
  const emotion = oneOf(meta.emotion, ['anger', 'anxiety'] as const) ?? oneOf(record.emotion, ['anger', 'anxiety'] as const);
  const risk = oneOf(meta.risk, ['medium', 'high'] as const);
  const nothingBeyondKind = intentValue === null && confidence === null && emotion === null && risk === null;
  // A bare "answered" (e.g. the welcome message) tells the agent nothing.
  if (nothingBeyondKind && (kind === null || kind === 'answered')) return null;
  return { kind, intent: intentValue, confidence, emotion, risk };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringValue(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function probability(value: unknown): number | null {
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : null;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}
