import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { BotConfigRepository } from '../../bot/bot-config-repository.js';
import type { Database } from '../../db/schema.js';
import type { JobHandler } from '../../insights/job-runner.js';
import { chinaDay } from '../../selfservice/china-calendar.js';
import { asSelfServiceDb, type SelfServiceDb } from '../../selfservice/self-service-db.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { analyticsDay } from '../analytics-schema.js';
import { detectBottlenecks, detectionWindows, DETECTION_RULES, type DetectedChange, type FindingKind, type RateCell } from './bottleneck-detector.js';
import type { FindingRepository, NewFinding } from './finding-repository.js';
import { adviceFor, stepKindOf, type StepKind } from './finding-rules.js';
import { findingsDatabase, type FindingEvidence, type FindingsDatabase } from './finding-schema.js';
import { twoProportionIncrease } from './proportion-tests.js';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;
// A cause "dominates" when it explains at least this share of a flow's failed actions, with a few of them.
const DOMINANT_SHARE = 0.4;
const DOMINANT_MIN = 3;

/** The next 04:30 Asia/Shanghai strictly after `now` (after the night's rollups are complete). */
export function nextDailyRun(now: Date): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 4, 30) - SHANGHAI_OFFSET_MS;
  return new Date(today > now.getTime() ? today : today + DAY_MS);
}

const RATE_WORDS: Record<FindingKind, string> = { step_failure: '失败率', step_abandon: '放弃率', intent_fallback: '兜底率（未能理解）', faq_unhelpful: '"没帮助"率' };
const METRICS = ['selfservice.step', 'selfservice.failed:failed', 'selfservice.failed:handoff', 'selfservice.failed:abandoned', 'bot.turn', 'bot.turn:fallback', 'answer.feedback:helpful', 'answer.feedback:not_helpful'];
const percent = (x: number) => `${Math.round(x * 100)} %`;

/**
 * The daily bottleneck run for one tenant (job `analytics.bottlenecks`, per tenant, 04:30 China
 * time, exactly once across nodes by the JobRunner's row claim): reads the rollups of the last 5
 * weeks, tests every step, intent and FAQ (bottleneck-detector.ts), looks up the dominant cause of
 * a flagged step's failures in the connectors' action log of that week, and writes each new
 * finding with its evidence and a suggestion from the rule catalogue.
 */
export class BottleneckJob {
  static readonly JOB_KIND = 'analytics.bottlenecks';
  private readonly db: Kysely<FindingsDatabase>;
  private readonly actions: SelfServiceDb;

  constructor(
    db: Kysely<Database>,
    private readonly findings: FindingRepository,
    private readonly botConfigs: BotConfigRepository,
  ) {
    this.db = findingsDatabase(db);
    this.actions = asSelfServiceDb(db);
  }

  asJob(now: () => Date = () => new Date()): JobHandler {
    return {
      perTenant: true,
      nextRun: nextDailyRun,
      run: async (job) => {
        if (!job.tenantId) throw new Error(`${BottleneckJob.JOB_KIND} needs a tenant`);
        await this.run({ tenantId: job.tenantId }, chinaDay(new Date(now().getTime() - DAY_MS)));
      },
    };
  }

  /** Tests the week ending `day` (China date); returns the findings added. */
  async run(ctx: TenantContext, day: string): Promise<number> {
    const { currentFrom, baselineFrom } = detectionWindows(day);
    const detected = detectBottlenecks(await this.cells(ctx, baselineFrom, day), day);
    if (detected.length === 0) return 0;
    // One finding per subject: the comparison with the clearer evidence, the other kept in the evidence list order.
    const best = new Map<string, DetectedChange>();
    for (const d of detected) if (!best.has(`${d.kind}/${d.subjectKey}`)) best.set(`${d.kind}/${d.subjectKey}`, d);
    const labels = await this.labeller(ctx);
    const out: NewFinding[] = [];
    for (const d of best.values()) {
      const subject = await labels(d.kind, d.subjectKey);
      const cause = d.kind.startsWith('step_') ? await this.dominantCause(ctx, d.subjectKey.split('/')[0]!, currentFrom, day) : null;
      const advice = adviceFor(d.kind, subject.stepKind, cause?.code ?? null);
      const reference = d.comparison === 'baseline' ? `前 4 周 ${percent(d.referenceRate)}` : `同类平均 ${percent(d.referenceRate)}`;
      const summary = `${subject.label}${RATE_WORDS[d.kind]} ${percent(d.rate)}（${reference}）${advice.reasonText ? `，${advice.reasonText}` : ''} → ${advice.suggestion}`;
      const evidence: FindingEvidence = {
        test: `one-sided pooled two-proportion z-test, Benjamini–Hochberg FDR ${DETECTION_RULES.fdr * 100} % over the run's tests`,
        window: { from: currentFrom, to: day },
        reference: d.comparison === 'baseline' ? { kind: 'baseline', ...window(detectionWindows(day)) } : { kind: 'peers', from: currentFrom, to: day },
        events: d.events,
        trials: d.trials,
        referenceEvents: d.referenceEvents,
        referenceTrials: d.referenceTrials,
        z: twoProportionIncrease(d.events, d.trials, d.referenceEvents, d.referenceTrials).z,
        pValue: d.pValue,
        qValue: d.qValue,
        reasonCode: cause?.code ?? null,
        reasonShare: cause?.share ?? null,
      };
      out.push({
        id: randomUUID(),
        kind: d.kind,
        subject_key: d.subjectKey,
        subject_label: subject.label,
        day,
        comparison: d.comparison,
        rate: d.rate,
        events: d.events,
        trials: d.trials,
        reference_rate: d.referenceRate,
        reference_trials: d.referenceTrials,
        p_value: d.pValue,
        q_value: d.qValue,
        reason: advice.reasonText,
        summary,
        suggestion: advice.suggestion,
        evidence: JSON.stringify(evidence),
      });
    }
    return this.findings.addNew(ctx, out, currentFrom);
  }

  /** Rollup sums per day and subject (all channels, templates and groups together), as rate cells. */
  private async cells(ctx: TenantContext, from: string, to: string): Promise<RateCell[]> {
    const rows = await this.db
      .selectFrom('analytics_daily')
      .select(['day', 'metric', 'dim_kind', 'dim_key', sql<string>`sum(count)`.as('n')])
      .where('tenant_id', '=', ctx.tenantId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .where('dim_kind', 'in', ['step', 'intent', 'faq'])
      .where('metric', 'in', METRICS)
      .groupBy(['day', 'metric', 'dim_kind', 'dim_key'])
      .execute();
    const byKey = new Map<string, { day: string; dimKind: string; dimKey: string; m: Record<string, number> }>();
    for (const r of rows) {
      const day = analyticsDay(r.day);
      const key = `${day}\u0000${r.dim_kind}\u0000${r.dim_key}`;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { day, dimKind: r.dim_kind, dimKey: r.dim_key, m: {} }));
      entry.m[r.metric] = (entry.m[r.metric] ?? 0) + Number(r.n);
    }
    const cells: RateCell[] = [];
    for (const { day, dimKind, dimKey, m } of byKey.values()) {
      const get = (metric: string) => m[metric] ?? 0;
      if (dimKind === 'step') {
        const trials = get('selfservice.step');
        cells.push({ day, kind: 'step_failure', subjectKey: dimKey, events: get('selfservice.failed:failed') + get('selfservice.failed:handoff'), trials });
        cells.push({ day, kind: 'step_abandon', subjectKey: dimKey, events: get('selfservice.failed:abandoned'), trials });
      } else if (dimKind === 'intent') {
        cells.push({ day, kind: 'intent_fallback', subjectKey: dimKey, events: get('bot.turn:fallback'), trials: get('bot.turn') });
      } else {
        const unhelpful = get('answer.feedback:not_helpful');
        cells.push({ day, kind: 'faq_unhelpful', subjectKey: dimKey, events: unhelpful, trials: unhelpful + get('answer.feedback:helpful') });
      }
    }
    return cells;
  }

  /** Names subjects the way the tenant's staff know them: flow title and step label, intent label, FAQ question. */
  private async labeller(ctx: TenantContext): Promise<(kind: FindingKind, key: string) => Promise<{ label: string; stepKind: StepKind | null }>> {
    const config = await this.botConfigs.get(ctx);
    return async (kind, key) => {
      if (kind === 'step_failure' || kind === 'step_abandon') {
        const [flowId, stepId] = key.split('/') as [string, string | undefined];
        const flow = config?.flows.find((f) => f.id === flowId);
        const step = flow?.steps.find((s) => s.id === stepId) as ({ type: string; label?: { zh?: string } } & Record<string, unknown>) | undefined;
        const flowName = flow?.title?.zh ?? flowId;
        const stepName = step?.label?.zh ?? stepId ?? '';
        return { label: `${flowName}：${stepName}步骤`, stepKind: stepKindOf(step as Parameters<typeof stepKindOf>[0]) };
      }
      if (kind === 'intent_fallback') {
        const label = config?.manifest.intents.find((i) => i.id === key)?.label.zh ?? key;
        return { label: `意图「${label}」`, stepKind: null };
      }
      const faq = /^[0-9a-f-]{36}$/i.test(key) ? await this.db.selectFrom('faqs').select('question').where('tenant_id', '=', ctx.tenantId).where('id', '=', key).executeTakeFirst() : undefined;
      return { label: `问答「${faq?.question ?? key}」`, stepKind: null };
    };
  }

  /** The error code most of a flow's failed actions in the window share, if one dominates. */
  private async dominantCause(ctx: TenantContext, flowId: string, from: string, to: string): Promise<{ code: string; share: number } | null> {
    const start = new Date(`${from}T00:00:00+08:00`);
    const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + DAY_MS);
    const rows = await this.actions
      .selectFrom('selfservice_actions')
      .select([sql<string>`outcome -> 'error' ->> 'code'`.as('code'), sql<number>`count(*)::int`.as('n')])
      .where('tenant_id', '=', ctx.tenantId)
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .where('action_id', 'like', `%.${flowId.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`)
      .where(sql<boolean>`outcome ->> 'ok' = 'false'`)
      .groupBy(sql`outcome -> 'error' ->> 'code'`)
      .execute();
    const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
    const top = rows.sort((a, b) => Number(b.n) - Number(a.n))[0];
    if (!top || Number(top.n) < DOMINANT_MIN || Number(top.n) / total < DOMINANT_SHARE) return null;
    return { code: top.code, share: Number(top.n) / total };
  }
}

function window(w: { baselineFrom: string; baselineTo: string }): { from: string; to: string } {
  return { from: w.baselineFrom, to: w.baselineTo };
}
