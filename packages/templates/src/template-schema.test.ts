import { describe, expect, it } from 'vitest';
import { templateSchema, type IndustryTemplateInput } from './template-schema.js';
import { minimalTemplate } from './test-support/minimal-template.js';

function problemsOf(template: IndustryTemplateInput): string[] {
  const result = templateSchema.safeParse(template);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('template schema', () => {
  it('accepts a complete template and defaults missing flows to none', () => {
    const parsed = templateSchema.parse(minimalTemplate());
    expect(parsed.flows).toEqual([]);
    expect(parsed.manifest.clarifyGroups[0]?.phrases).toEqual([]);
  });

  it('passes flows through untouched for the dialogue engine to validate', () => {
    const flows = [{ id: 'ecommerce.return', anything: true }];
    expect(templateSchema.parse({ ...minimalTemplate(), flows }).flows).toEqual(flows);
  });

  it('rejects an FAQ that links to a graph node that does not exist', () => {
    const template = minimalTemplate();
    template.faqs[0]!.links = ['policy_gone'];
    expect(problemsOf(template)).toEqual(['faqs.0.links.0: unknown graph node "policy_gone"']);
  });

  it('rejects a graph edge whose end is not a node', () => {
    const template = minimalTemplate();
    template.knowledgeGraph.edges.push({ from: 'cat_phones', to: 'cat_fresh', rel: 'related_to' });
    expect(problemsOf(template)).toEqual(['knowledgeGraph.edges.1.to: unknown node "cat_fresh"']);
  });

  it('rejects an utterance that teaches two intents, even if only punctuation and case differ', () => {
    const template = minimalTemplate();
    template.intents.intents[1]!.utterances.push('我要退货！');
    expect(problemsOf(template)).toEqual(['intents.intents.1.utterances.2: utterance "我要退货！" repeats one in return_request']);
  });

  it('rejects an out-of-scope example that is also an intent utterance', () => {
    const template = minimalTemplate();
    template.intents.outOfScope.push('REFUND什么时候到账');
    expect(problemsOf(template)[0]).toContain('repeats one in refund_status');
  });

  it('rejects an intent with utterances but no label for the clarification buttons', () => {
    const template = minimalTemplate();
    template.intents.intents.push({ id: 'exchange_request', utterances: ['我想换货'] });
    expect(problemsOf(template)).toEqual(['manifest.intents: intent "exchange_request" has no label']);
  });

  it('rejects a clarify group or ticket category that names an unknown intent', () => {
    const template = minimalTemplate();
    template.manifest.clarifyGroups[0]!.intents.push('logistics_delay');
    template.ticketCategories[0]!.intents!.push('logistics_delay');
    expect(problemsOf(template)).toEqual([
      'manifest.clarifyGroups.0.intents.2: unknown intent "logistics_delay"',
      'ticketCategories.0.intents.1: unknown intent "logistics_delay"',
    ]);
  });

  it('rejects a ticket category with a priority outside P1–P4', () => {
    const template = minimalTemplate();
    (template.ticketCategories[0] as { priority: string }).priority = 'urgent';
    expect(problemsOf(template)).toHaveLength(1);
    expect(problemsOf(template)[0]).toMatch(/^ticketCategories\.0\.priority/);
  });

  it('rejects duplicate FAQ ids and duplicate canned-reply shortcuts', () => {
    const template = minimalTemplate();
    template.faqs.push({ ...template.faqs[0]! });
    template.cannedReplies.push({ ...template.cannedReplies[0]!, id: 'greet_again' });
    expect(problemsOf(template)).toEqual(['faqs: duplicate FAQ id "return_how_to"', 'cannedReplies: duplicate canned reply shortcut id "/hi"']);
  });

  it('rejects an FAQ with fewer than two paraphrases', () => {
    const template = minimalTemplate();
    template.faqs[0]!.paraphrases = ['退货流程'];
    expect(problemsOf(template)[0]).toMatch(/^faqs\.0\.paraphrases/);
  });
});
