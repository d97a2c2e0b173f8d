import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DialogueManager } from './dialogue-manager.js';
import { flowsFileSchema } from './flow-definition.js';

const INDUSTRIES = ['ecommerce', 'finance', 'government', 'telecom'] as const;

function readFlowsFile(industry: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../templates/${industry}/flows.json`, import.meta.url), 'utf8'));
}

describe('industry flow files', () => {
  for (const industry of INDUSTRIES) {
    it(`${industry}/flows.json validates and loads into a manager`, () => {
      const parsed = flowsFileSchema.safeParse(readFlowsFile(industry));
      expect(parsed.error?.issues ?? []).toEqual([]);
      const file = flowsFileSchema.parse(readFlowsFile(industry));
      expect(file.industry).toBe(industry);
      // The manager checks what the schema cannot: sub-flow links and one flow per intent.
      expect(() => new DialogueManager({ flows: file.flows, intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' })).not.toThrow();
    });
  }

  it('rejects a flow whose step points nowhere', () => {
    const broken = { industry: 'x', flows: [{ id: 'x.a', intent: 'a', title: { zh: '甲', en: 'a' }, steps: [{ id: 'ask', type: 'confirm', prompt: { zh: '好?', en: 'ok?' }, yes: 'done', no: 'nowhere' }, { id: 'done', type: 'end' }] }] };
    const parsed = flowsFileSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join()).toContain('unknown step "nowhere"');
  });
});
