/** Why the bot said what it said, as far as the message meta tells. */
export interface BotReplyInfo {
  kind: 'faq' | 'intent' | 'handoff' | 'fallback' | 'welcome' | null;
  intent: string | null;
  /** 0–1. */
  confidence: number | null;
}

const kinds = new Set<NonNullable<BotReplyInfo['kind']>>(['faq', 'intent', 'handoff', 'fallback', 'welcome']);

/**
 * Reads the bot's reasoning from `Message.meta`. The contract leaves meta open,
 * so every field is checked and unknown shapes yield null rather than noise.
 * @example botReplyInfo({ kind: 'faq', faqId: '…', confidence: 0.8 }) // { kind: 'faq', intent: null, confidence: 0.8 }
 */
export function botReplyInfo(meta: Record<string, unknown>): BotReplyInfo | null {
  const kind = typeof meta.kind === 'string' && kinds.has(meta.kind as NonNullable<BotReplyInfo['kind']>) ? (meta.kind as BotReplyInfo['kind']) : null;
  const intent = typeof meta.intent === 'string' && meta.intent.trim() ? meta.intent.trim() : null;
  const confidence = typeof meta.confidence === 'number' && meta.confidence >= 0 && meta.confidence <= 1 ? meta.confidence : null;
  if (kind === null && intent === null && confidence === null) return null;
  return { kind, intent, confidence };
}
