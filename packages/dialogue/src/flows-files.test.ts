import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DialogueManager } from './dialogue-manager.js';
import { flowsFileSchema, type FlowDefinition } from './flow-definition.js';

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

  for (const industry of INDUSTRIES) {
    it(`${industry}/flows.json only interpolates values its flows can have`, () => {
      const { flows } = flowsFileSchema.parse(readFlowsFile(industry));
      const remembered = new Set(flows.flatMap((f) => f.remember));
      const unknown = flows.flatMap((flow) => unknownPlaceholders(flow, remembered));
      expect(unknown).toEqual([]);
    });
  }

  it('documents every action the flows call, with its arguments, in ACTIONS.md', () => {
    const contract = readFileSync(new URL('../ACTIONS.md', import.meta.url), 'utf8');
    const rows = new Map(
      [...contract.matchAll(/^\| `([a-z]+\.[A-Za-z]+)` \| ((?:[^|\\]|\\.)*) \|/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    const missing: string[] = [];
    for (const industry of INDUSTRIES) {
      for (const flow of flowsFileSchema.parse(readFlowsFile(industry)).flows) {
        for (const step of flow.steps) {
          if (step.type !== 'action') continue;
          const args = rows.get(step.action);
          if (args === undefined) missing.push(step.action);
          else for (const arg of Object.keys(step.args)) if (!args.includes(`\`${arg}\``)) missing.push(`${step.action}(${arg})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('notices a misspelt placeholder', () => {
    const flow = flowsFileSchema.parse({
      industry: 'x',
      flows: [{ id: 'x.a', title: { zh: '甲', en: 'a' }, steps: [{ id: 'ask', type: 'slot', slot: 'orderId', label: { zh: '单', en: 'o' }, prompt: { zh: '{{ordrId}}', en: '{{labels.orderId}}' } }] }],
    }).flows[0];
    if (!flow) throw new Error('no flow');
    expect(unknownPlaceholders(flow, new Set())).toEqual(['x.a: {{ordrId}}', 'x.a: {{labels.orderId}}']);
  });

  it('rejects a flow whose step points nowhere', () => {
    const broken = { industry: 'x', flows: [{ id: 'x.a', intent: 'a', title: { zh: '甲', en: 'a' }, steps: [{ id: 'ask', type: 'confirm', prompt: { zh: '好?', en: 'ok?' }, yes: 'done', no: 'nowhere' }, { id: 'done', type: 'end' }] }] };
    const parsed = flowsFileSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join()).toContain('unknown step "nowhere"');
  });
});

/** Placeholders and condition paths whose root no step of the flow (or a remembering flow) provides. */
function unknownPlaceholders(flow: FlowDefinition, remembered: ReadonlySet<string>): string[] {
  const slots = new Set<string>();
  const optionSlots = new Set<string>();
  const results = new Set<string>();
  for (const step of flow.steps) {
    if (step.type === 'slot') {
      slots.add(step.slot);
      if (step.options || step.optionsFrom) optionSlots.add(step.slot);
    }
    if (step.type === 'set') Object.keys(step.values).forEach((k) => slots.add(k));
    if (step.type === 'action') results.add(step.resultAs ?? step.id);
  }
  const text = JSON.stringify(flow.steps);
  const paths = [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g), ...text.matchAll(/"path":"([\w.]+)"/g)].map((m) => m[1] ?? '');
  return paths
    .filter((path) => {
      const [root, second] = path.split('.');
      if (root === 'result' || root === 'error') return false;
      if (root === 'slots') return !slots.has(second ?? '');
      if (root === 'labels') return !optionSlots.has(second ?? '');
      if (root === 'results') return !results.has(second ?? '');
      if (root === 'context') return !remembered.has(second ?? '');
      return !slots.has(root ?? '');
    })
    .map((path) => `${flow.id}: {{${path}}}`);
}
