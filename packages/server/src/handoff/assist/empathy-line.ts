/** The emotions an agent should acknowledge before answering. */
export type EmpathyEmotion = 'anger' | 'anxiety';

// Written by us, short enough to send as is; the agent adapts or adds the answer.
const LINES: Record<EmpathyEmotion, Record<'zh-CN' | 'en', readonly string[]>> = {
  anger: {
    'zh-CN': [
      '非常抱歉给您带来这么不好的体验，您的心情我完全理解，我现在就为您处理。',
      '真的很抱歉让您生气了，这件事是我们没做好，我会负责跟进到底。',
      '抱歉让您久等又不满意，您先别着急，我马上帮您把问题查清楚。',
    ],
    en: [
      "I'm really sorry for the trouble this has caused you. I understand how frustrating it is, and I'm on it now.",
      "I apologise — we got this wrong. I'll personally follow it through until it's sorted.",
      "Sorry for the wait and the hassle. Let me look into this for you right away.",
    ],
  },
  anxiety: {
    'zh-CN': [
      '您别着急，我这边马上为您查询，很快给您答复。',
      '理解您很着急，我会尽快帮您处理好，请您放心。',
      '请放心，您的问题我已经记下了，正在第一时间为您跟进。',
    ],
    en: [
      "Please don't worry — I'm checking this for you right now.",
      "I understand this is urgent. I'll get it sorted as quickly as I can.",
      "Rest assured, I've noted your issue and I'm following it up right away.",
    ],
  },
};

/**
 * An empathy line for an upset or anxious customer, in their language. The variant follows a
 * stable seed (the conversation id), so one chat keeps one voice and different chats vary.
 * @example empathyLine('anger', 'zh-CN', conversationId) // '非常抱歉给您带来…'
 */
export function empathyLine(emotion: EmpathyEmotion, locale: 'zh-CN' | 'en', seed: string): string {
  const variants = LINES[emotion][locale];
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return variants[hash % variants.length]!;
}

export function isEmpathyEmotion(label: unknown): label is EmpathyEmotion {
  return label === 'anger' || label === 'anxiety';
}
