import { z } from 'zod';

/** What the bot understood of a conversation, as the agent's context panel shows it (docs/design/handoff.md). */
export const conversationUnderstandingSchema = z.object({
  intent: z.string().nullable(),
  intentLabel: z.string().nullable(),
  confidence: z.number().nullable(),
  flowId: z.string().nullable(),
  step: z.string().nullable(),
  slots: z.record(z.string(), z.unknown()),
  /** One entry per visitor message the bot read, in order. */
  emotions: z.array(z.object({ seq: z.number().int(), label: z.string() })),
  risk: z.object({ level: z.enum(['none', 'medium', 'high']), reasons: z.array(z.string()) }),
  handoffReason: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']),
});
export type ConversationUnderstanding = z.infer<typeof conversationUnderstandingSchema>;

/** Display words for slot names and option values, from the tenant's flows and the dialogue state. */
export interface UnderstandingVocabulary {
  /** Slot name → its label ("orderId" → "订单号"). */
  slotLabels: Record<string, string>;
  /** Slot name → the label of the option chosen ("reason" → "质量问题"). */
  valueLabels: Record<string, string>;
}

/** A message as the reader needs it: bot replies carry the turn record and the NLU's emotion and risk in `meta`. */
export interface UnderstandingMessage {
  id: string;
  seq: number;
  senderType: string;
  meta: Record<string, unknown>;
}

const RISK_ORDER = { none: 0, medium: 1, high: 2 } as const;

/**
 * Reads the bot's understanding from the stored dialogue state (`conversations.bot_state`) and the
 * bot replies' meta (`record`, `emotion`, `risk`, `riskReasons`, `handoff`). Pure: any malformed
 * piece is skipped, never thrown, since the state is whatever an older build stored.
 * @example readUnderstanding(state, messages, { return_request: '申请退货' }).intentLabel // '申请退货'
 */
export function readUnderstanding(
  botState: unknown,
  messages: readonly UnderstandingMessage[],
  intentLabels: Readonly<Record<string, string>>,
  flowIntents: Readonly<Record<string, string>> = {},
): { understanding: ConversationUnderstanding; vocabularyValues: Record<string, string> } {
  const state = asRecord(botState);
  // A handoff clears the flow from the state; the bot's handoff reply keeps the frame it left (`meta.handoffFrame`).
  const handedOver = [...messages].reverse().find((m) => m.senderType === 'bot' && asRecord(m.meta.handoffFrame));
  const frame = asRecord(state?.flow) ?? asRecord(handedOver?.meta.handoffFrame) ?? asRecord(asRecord(state?.recent)?.frame);
  const seqOf = new Map(messages.map((m) => [m.id, m.seq]));

  let lastRecord: Record<string, unknown> | null = null;
  let handoffReason: string | null = null;
  let risk: ConversationUnderstanding['risk'] = { level: 'none', reasons: [] };
  const emotions = new Map<number, string>();
  for (const m of messages) {
    if (m.senderType !== 'bot') continue;
    const record = asRecord(m.meta.record);
    if (record && (typeof record.intent === 'string' || lastRecord === null)) lastRecord = record;
    const handoff = asRecord(m.meta.handoff);
    if (handoff && typeof handoff.reason === 'string') handoffReason = handoff.reason;
    // Every reply of a turn repeats the turn's emotion and risk; key them by the visitor message they answer.
    const replyTo = typeof m.meta.replyTo === 'string' ? seqOf.get(m.meta.replyTo) : undefined;
    if (replyTo !== undefined && typeof m.meta.emotion === 'string') emotions.set(replyTo, m.meta.emotion);
    const level = m.meta.risk;
    if (level === 'medium' || level === 'high') {
      const reasons = Array.isArray(m.meta.riskReasons) ? m.meta.riskReasons.filter((r): r is string => typeof r === 'string') : [];
      // The highest level seen wins; at the same level the reasons add up.
      if (RISK_ORDER[level] > RISK_ORDER[risk.level]) risk = { level, reasons };
      else if (level === risk.level) risk = { level, reasons: [...new Set([...risk.reasons, ...reasons])] };
    }
  }

  const flowId = typeof frame?.flowId === 'string' ? frame.flowId : typeof lastRecord?.flowId === 'string' ? lastRecord.flowId : null;
  const intent =
    (flowId ? flowIntents[flowId] : undefined) ??
    (typeof lastRecord?.intent === 'string' ? lastRecord.intent : null) ??
    (typeof state?.lastFlowIntent === 'string' ? state.lastFlowIntent : null) ??
    (typeof state?.lastIntent === 'string' ? state.lastIntent : null);
  const slots = { ...(asRecord(state?.context) ?? {}), ...(asRecord(frame?.slots) ?? {}) };
  const labels = asRecord(frame?.labels) ?? {};
  const vocabularyValues = Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return {
    understanding: {
      intent,
      intentLabel: intent ? (intentLabels[intent] ?? intent) : null,
      confidence: typeof lastRecord?.confidence === 'number' ? lastRecord.confidence : null,
      flowId,
      step: typeof frame?.stepId === 'string' ? frame.stepId : typeof lastRecord?.step === 'string' ? lastRecord.step : null,
      slots,
      emotions: [...emotions].sort((a, b) => a[0] - b[0]).map(([seq, label]) => ({ seq, label })),
      risk,
      handoffReason,
      locale: state?.locale === 'en' ? 'en' : 'zh-CN',
    },
    vocabularyValues,
  };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
