import { describe, expect, it } from 'vitest';
import { loadTemplate, parseTemplate } from './load-template.js';
import { TemplateInvalidError, TemplateNotFoundError } from './template-error.js';
import { minimalTemplate } from './test-support/minimal-template.js';

describe('loading a template', () => {
  it('refuses an industry Zhida does not ship, with a stable code', async () => {
    const error = await loadTemplate('healthcare').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateNotFoundError);
    expect((error as TemplateNotFoundError).code).toBe('template_not_found');
  });

  it('hands back a fresh copy each time, so editing one tenant’s copy cannot leak into another', async () => {
    const first = await loadTemplate('telecom');
    first.faqs.length = 0;
    const second = await loadTemplate('telecom');
    expect(second.faqs.length).toBeGreaterThan(0);
  });

  it('unwraps the dialogue engineer’s { industry, flows } file into a flows array', async () => {
    const { flows } = await loadTemplate('ecommerce');
    expect(Array.isArray(flows)).toBe(true);
    for (const flow of flows) expect(flow).toHaveProperty('id');
  });
});

describe('parsing an uploaded template', () => {
  it('lists every problem, with its path, in a typed error', () => {
    const template = minimalTemplate();
    template.faqs[0]!.links = ['nowhere'];
    template.knowledgeGraph.edges[0]!.to = 'nowhere';
    const error = (() => {
      try {
        parseTemplate('ecommerce', template);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TemplateInvalidError);
    expect((error as TemplateInvalidError).code).toBe('template_invalid');
    expect((error as TemplateInvalidError).problems).toEqual([
      'knowledgeGraph.edges.0.to: unknown node "nowhere"',
      'faqs.0.links.0: unknown graph node "nowhere"',
    ]);
  });

  it('refuses a template filed under another industry’s id', () => {
    expect(() => parseTemplate('finance', minimalTemplate())).toThrow(TemplateInvalidError);
  });
});
