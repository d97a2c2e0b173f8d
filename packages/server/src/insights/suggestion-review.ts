import { ValidationError } from '../errors/app-error.js';
import type { FaqDto } from '../kb/faq-dto.js';
import type { FaqRepository } from '../kb/faq-repository.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { questionKey } from './question-key.js';
import type { SuggestionAcceptInput, SuggestionDto } from './suggestion-dto.js';
import type { SuggestionRepository } from './suggestion-repository.js';

const MAX_PARAPHRASES = 50;

/**
 * Staff decisions on suggestions. Accepting writes through FaqRepository, so
 * the tenant's kb_version moves and the bot and search pick the change up.
 */
export class SuggestionReview {
  constructor(
    private readonly suggestions: SuggestionRepository,
    private readonly faqs: FaqRepository,
  ) {}

  /** Creates the proposed FAQ (its answer is required) or appends the paraphrases to the existing one. */
  async accept(ctx: TenantContext, id: string, edit: SuggestionAcceptInput = {}): Promise<{ suggestion: SuggestionDto; faq: FaqDto }> {
    const proposal = await this.suggestions.get(ctx, id);
    if (proposal.kind === 'new_faq' && !edit.answer) throw new ValidationError('answer is required to accept a new FAQ');
    if (proposal.kind === 'paraphrase' && !proposal.faqId) throw new ValidationError('the FAQ of this suggestion no longer exists; reject it');
    // Claim first so two reviewers cannot both create the FAQ; a failed write hands it back.
    const suggestion = await this.suggestions.decide(ctx, id, 'accepted');
    try {
      const paraphrases = edit.paraphrases ?? proposal.paraphrases.map((p) => p.text);
      if (proposal.kind === 'new_faq') {
        const faq = await this.faqs.create(ctx, {
          question: edit.question ?? proposal.question,
          answer: edit.answer!,
          paraphrases: paraphrases.slice(0, MAX_PARAPHRASES),
          category: edit.category ?? '通用',
        });
        return { suggestion, faq };
      }
      const faq = await this.faqs.get(ctx, proposal.faqId!);
      const known = new Set([faq.question, ...faq.paraphrases].map(questionKey));
      const added = paraphrases.filter((p) => {
        const key = questionKey(p);
        if (known.has(key)) return false;
        known.add(key);
        return true;
      });
      const updated = await this.faqs.update(ctx, faq.id, { paraphrases: [...faq.paraphrases, ...added].slice(0, MAX_PARAPHRASES) });
      return { suggestion, faq: updated };
    } catch (err) {
      await this.suggestions.decide(ctx, id, 'pending', 'accepted');
      throw err;
    }
  }

  async reject(ctx: TenantContext, id: string): Promise<SuggestionDto> {
    return this.suggestions.decide(ctx, id, 'rejected');
  }
}
