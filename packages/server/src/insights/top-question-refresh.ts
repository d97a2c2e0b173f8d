import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FaqRepository } from '../kb/faq-repository.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { JobHandler } from './job-runner.js';
import { nextMonthlyRun } from './next-monthly-run.js';
import { clusterQuestions } from './question-clusterer.js';
import type { SuggestionDto } from './suggestion-dto.js';
import { proposeSuggestions } from './suggestion-proposer.js';
import type { SuggestionRepository } from './suggestion-repository.js';
import { unansweredQuestions } from './unanswered-questions.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TopQuestionRefreshResult {
  /** Visitor questions mined in the window. */
  questions: number;
  /** The tenant's pending suggestions after the refresh. */
  suggestions: SuggestionDto[];
}

/**
 * The top-question refresh: mines the questions the bot did not answer well
 * in the last `windowDays`, clusters them and replaces the tenant's pending
 * FAQ suggestions. Run monthly by the job runner and on demand from the console.
 */
export class TopQuestionRefresh {
  static readonly JOB_KIND = 'kb.top_questions';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly faqs: FaqRepository,
    private readonly suggestions: SuggestionRepository,
    private readonly windowDays = 31,
  ) {}

  async run(ctx: TenantContext, now = new Date()): Promise<TopQuestionRefreshResult> {
    const questions = await unansweredQuestions(this.db, ctx, new Date(now.getTime() - this.windowDays * DAY_MS));
    const faqs = await this.faqs.list(ctx);
    const proposals = proposeSuggestions(clusterQuestions(questions), faqs);
    return { questions: questions.length, suggestions: await this.suggestions.replacePending(ctx, proposals) };
  }

  /** The monthly per-tenant job (1st of the month, 03:00 Asia/Shanghai) for the JobRunner. */
  asJob(now: () => Date = () => new Date()): JobHandler {
    return {
      perTenant: true,
      nextRun: nextMonthlyRun,
      run: async (job) => {
        if (!job.tenantId) throw new Error(`${TopQuestionRefresh.JOB_KIND} needs a tenant`);
        await this.run({ tenantId: job.tenantId }, now());
      },
    };
  }
}
