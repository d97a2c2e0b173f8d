import { readFileSync } from 'node:fs';
import type { ParseResult } from '@zhida/nlu';
import { describe, expect, it } from 'vitest';
import { DialogueManager } from './dialogue-manager.js';
import { nluParseSchema, type NluParse } from './nlu-parse.js';
import { Conversation, industryFlows } from './test-support/conversation.js';

type Manifest = { intents: { id: string; label: { zh: string; en: string } }[]; clarifyGroups: { id: string; label: { zh: string; en: string }; intents: string[]; phrases?: string[] }[] };

function manifest(industry: string): Manifest {
  return JSON.parse(readFileSync(new URL(`../../templates/${industry}/template.json`, import.meta.url), 'utf8')) as Manifest;
}

describe('working with the other packages', () => {
  it('accepts the NLU package\'s parse result as its input type', () => {
    const fromNlu: ParseResult = {
      text: '订单DD20241125000123到哪了',
      normalized: '订单dd20241125000123到哪了',
      intent: { name: 'order_status', confidence: 0.91 },
      candidates: [{ name: 'order_status', confidence: 0.91 }],
      ambiguous: false,
      outOfScope: false,
      entities: [{ type: 'order_number', value: 'DD20241125000123', text: 'DD20241125000123', start: 2, end: 18, confidence: 0.9 }],
      emotion: { label: 'neutral', score: 0, cues: [] },
      risk: { level: 'none', reasons: [] },
      pii: [],
      faq: [],
      act: { label: 'request', confidence: 0.93 },
    };
    const input: NluParse = fromNlu;
    expect(nluParseSchema.parse(input).entities[0]?.type).toBe('order_number');
  });

  for (const industry of ['ecommerce', 'finance', 'government', 'telecom']) {
    it(`takes the ${industry} template's intent labels and clarify groups as they are`, () => {
      const { intents, clarifyGroups } = manifest(industry);
      const dm = new DialogueManager({ flows: industryFlows(industry as 'ecommerce'), intentLabels: intents, clarifyGroups, locale: 'zh-CN' });
      const group = clarifyGroups[0];
      if (!group) throw new Error(`${industry} template has no clarify group`);
      const chat = new Conversation(dm);
      const out = chat.say(`我想问一下${group.label.zh}`, { intent: group.intents[0] ?? null, confidence: 0.5 });
      expect(out.record.outcome).toBe('clarified');
      const labels = new Map(intents.map((i) => [i.id, i.label.zh]));
      expect(chat.buttons()).toEqual(group.intents.filter((i) => labels.has(i)).slice(0, 4).map((i) => labels.get(i)));
    });
  }
});
