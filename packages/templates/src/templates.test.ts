import { describe, expect, it } from 'vitest';
import { loadTemplate, listTemplates } from './load-template.js';
import { requiredIntentIds } from './required-intent-ids.js';
import { ticketPriorities } from './ticket-category-schema.js';
import { templateIds } from './template-id.js';
import { utteranceKey } from './utterance-key.js';

describe.each(templateIds)('the shipped %s template', (id) => {
  it('loads and passes its schema, including cross-file references', async () => {
    const template = await loadTemplate(id);
    expect(template.manifest.id).toBe(id);
  });

  it('has every required intent with at least 40 utterances', async () => {
    const template = await loadTemplate(id);
    const byId = new Map(template.intents.intents.map((i) => [i.id, i.utterances]));
    for (const intentId of requiredIntentIds[id]) {
      expect(byId.get(intentId)?.length ?? 0, intentId).toBeGreaterThanOrEqual(40);
    }
  });

  it('never repeats an utterance within or across intents', async () => {
    const template = await loadTemplate(id);
    const all = [...template.intents.intents.flatMap((i) => i.utterances), ...template.intents.outOfScope];
    const keys = all.map(utteranceKey);
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(repeated).toEqual([]);
  });

  it('teaches out-of-scope detection with its own examples', async () => {
    const template = await loadTemplate(id);
    expect(template.intents.outOfScope.length).toBeGreaterThanOrEqual(40);
  });

  it('answers at least 60 FAQs, each with a unique id and 2–12 paraphrases', async () => {
    const { faqs } = await loadTemplate(id);
    expect(faqs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(faqs.map((f) => f.id)).size).toBe(faqs.length);
  });

  it('links FAQs and graph edges only to nodes that exist', async () => {
    const { faqs, knowledgeGraph } = await loadTemplate(id);
    const nodes = new Set(knowledgeGraph.nodes.map((n) => n.id));
    const dangling = [
      ...faqs.flatMap((f) => (f.links ?? []).filter((l) => !nodes.has(l)).map((l) => `${f.id} → ${l}`)),
      ...knowledgeGraph.edges.filter((e) => !nodes.has(e.from) || !nodes.has(e.to)).map((e) => `${e.from} → ${e.to}`),
    ];
    expect(dangling).toEqual([]);
    expect(knowledgeGraph.nodes.length).toBeGreaterThanOrEqual(15);
    expect(knowledgeGraph.nodes.length).toBeLessThanOrEqual(40);
  });

  it('gives every ticket category a department, a known priority and an SLA', async () => {
    const { ticketCategories } = await loadTemplate(id);
    expect(ticketCategories.length).toBeGreaterThan(0);
    for (const category of ticketCategories) {
      expect(ticketPriorities).toContain(category.priority);
      expect(category.department.length).toBeGreaterThan(0);
      expect(category.slaMinutes).toBeGreaterThan(0);
    }
  });

  it('gives every ticket category at least 15 distinct training examples for the classifier', async () => {
    const { ticketCategories } = await loadTemplate(id);
    for (const category of ticketCategories) {
      expect(new Set(category.examples).size, category.id).toBeGreaterThanOrEqual(15);
    }
  });

  it('ships 10–20 canned replies for agents', async () => {
    const { cannedReplies } = await loadTemplate(id);
    expect(cannedReplies.length).toBeGreaterThanOrEqual(10);
    expect(cannedReplies.length).toBeLessThanOrEqual(20);
  });
});

describe('the e-commerce FAQ', () => {
  it('explains how to return an item', async () => {
    const { faqs } = await loadTemplate('ecommerce');
    const entry = faqs.find((f) => f.question.includes('怎么退货'));
    expect(entry?.answer).toMatch(/退货/);
    expect(entry?.answer).toMatch(/申请售后/);
  });
});

describe('the e-commerce knowledge graph', () => {
  const policiesOf = (graph: { edges: { from: string; to: string; rel: string }[] }, productId: string): string[] => {
    const categories = graph.edges.filter((e) => e.from === productId && e.rel === 'belongs_to').map((e) => e.to);
    return graph.edges.filter((e) => [productId, ...categories].includes(e.from) && e.rel === 'governed_by').map((e) => e.to);
  };

  it('keeps the policy ids the server’s return flow reads (packages/server/src/selfservice/return-policy.ts)', async () => {
    const { knowledgeGraph } = await loadTemplate('ecommerce');
    const days = new Map(knowledgeGraph.nodes.map((n) => [n.id, n.attrs?.days]));
    expect(days.get('policy_return_7_days')).toBe(7);
    expect(days.get('policy_quality_15_days')).toBe(15);
    expect(knowledgeGraph.nodes.some((n) => n.id === 'policy_no_reason_excluded')).toBe(true);
  });

  it('gives a phone the 7-day no-reason return and fresh cherries none', async () => {
    const { knowledgeGraph } = await loadTemplate('ecommerce');
    expect(policiesOf(knowledgeGraph, 'huawei_mate60')).toContain('policy_return_7_days');
    expect(policiesOf(knowledgeGraph, 'chile_cherries')).toContain('policy_no_reason_excluded');
    expect(policiesOf(knowledgeGraph, 'chile_cherries')).not.toContain('policy_return_7_days');
  });
});

describe('listTemplates', () => {
  it('lists the four industries in display order with their sizes', async () => {
    const list = await listTemplates();
    expect(list.map((t) => t.id)).toEqual(['ecommerce', 'finance', 'government', 'telecom']);
    for (const summary of list) expect(summary.faqCount).toBeGreaterThanOrEqual(60);
  });
});
