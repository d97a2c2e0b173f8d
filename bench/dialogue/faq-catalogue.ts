import type { IndustryTemplate } from '@zhida/templates';

export class UnknownFaqError extends Error {
  readonly code = 'unknown_faq';
}

/**
 * Translates between a template's FAQ ids (what bench data names, e.g. `return_shipping_fee`) and the
 * tenant's stored FAQ ids (UUIDs, what `meta.record.faqId` carries). The demo tenants are provisioned
 * from the templates, so the question text is the join key.
 *
 * @example const c = new FaqCatalogue(template, await faqs.list(ctx)); c.templateId(record.faqId) // → 'return_shipping_fee'
 */
export class FaqCatalogue {
  private readonly questions = new Map<string, string>();
  private readonly byStoredId = new Map<string, string>();

  constructor(template: Pick<IndustryTemplate, 'faqs'>, stored: readonly { id: string; question: string }[]) {
    const byQuestion = new Map<string, string>();
    for (const f of template.faqs) {
      this.questions.set(f.id, f.question);
      byQuestion.set(f.question, f.id);
    }
    for (const f of stored) {
      const id = byQuestion.get(f.question);
      if (id) this.byStoredId.set(f.id, id);
    }
  }

  /** The template id of a stored FAQ; a stored FAQ not from the template keeps its own id (it can only be wrong). */
  templateId(storedId: string): string {
    return this.byStoredId.get(storedId) ?? storedId;
  }

  /** The question text of a template FAQ. */
  question(templateId: string): string {
    const q = this.questions.get(templateId);
    if (q === undefined) throw new UnknownFaqError(`no FAQ "${templateId}" in the template`);
    return q;
  }

  has(templateId: string): boolean {
    return this.questions.has(templateId);
  }
}
