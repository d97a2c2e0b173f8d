import { describe, expect, it } from 'vitest';
import { FlowConfigError, FlowLoopError } from './dialogue-error.js';
import { DialogueManager } from './dialogue-manager.js';
import { flowDefinitionSchema, type FlowDefinitionInput } from './flow-definition.js';
import { FlowRegistry } from './flow-registry.js';
import { Conversation } from './test-support/conversation.js';

const title = { zh: '测试', en: 'test' };
const end = { id: 'done', type: 'end' as const };

function issues(flow: unknown): string {
  const parsed = flowDefinitionSchema.safeParse(flow);
  return parsed.success ? '' : parsed.error.issues.map((i) => i.message).join('; ');
}

describe('flow definitions', () => {
  it('rejects duplicate step ids, reserved slot names and broken patterns', () => {
    expect(issues({ id: 'x.a', title, steps: [end, end] })).toContain('duplicate step id "done"');
    const reserved = { id: 'ask', type: 'slot', slot: 'result', label: title, prompt: title };
    expect(issues({ id: 'x.a', title, steps: [reserved] })).toContain('reserved slot name');
    const broken = { id: 'ask', type: 'slot', slot: 'code', label: title, prompt: title, pattern: '([0-9' };
    expect(issues({ id: 'x.a', title, steps: [broken] })).toContain('invalid pattern');
  });

  it('rejects action names that are not "<connector>.<operation>"', () => {
    expect(issues({ id: 'x.a', title, steps: [{ id: 'call', type: 'action', action: 'doEverything' }] })).toContain('<connector>.<operation>');
  });

  it('fills defaults so flow files stay short', () => {
    const flow = flowDefinitionSchema.parse({ id: 'x.a', title, steps: [{ id: 'ask', type: 'slot', slot: 'code', label: title, prompt: title }] });
    expect(flow.steps[0]).toMatchObject({ maxAttempts: 3, carryOver: false, quickReplies: [] });
    expect(flow.remember).toEqual([]);
  });
});

describe('flow registry', () => {
  it('refuses two flows for one intent and calls to unknown flows', () => {
    const a: FlowDefinitionInput = { id: 'x.a', intent: 'same', title, steps: [end] };
    const b: FlowDefinitionInput = { id: 'x.b', intent: 'same', title, steps: [end] };
    expect(() => new FlowRegistry([a, b])).toThrow(FlowConfigError);
    const caller: FlowDefinitionInput = { id: 'x.c', title, steps: [{ id: 'call', type: 'subflow', flow: 'x.missing' }] };
    expect(() => new FlowRegistry([caller])).toThrow(/unknown flow "x.missing"/);
  });

  it('reports an invalid flow with its id and a stable code', () => {
    try {
      new FlowRegistry([{ id: 'x.bad', title, steps: [] }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowConfigError);
      expect((error as FlowConfigError).code).toBe('flow_config_invalid');
      expect((error as Error).message).toContain('x.bad');
    }
  });

  it('stops a flow whose branches loop without ever waiting', () => {
    const looping: FlowDefinitionInput = {
      id: 'x.loop',
      intent: 'loop',
      title,
      steps: [
        { id: 'a', type: 'branch', branches: [{ when: [{ path: 'x', op: 'missing' }], next: 'b' }], default: 'b' },
        { id: 'b', type: 'branch', branches: [{ when: [{ path: 'x', op: 'missing' }], next: 'a' }], default: 'a' },
      ],
    };
    const chat = new Conversation(new DialogueManager({ flows: [looping], intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' }));
    expect(() => chat.say('循环', { intent: 'loop', confidence: 0.9 })).toThrow(FlowLoopError);
  });
});
