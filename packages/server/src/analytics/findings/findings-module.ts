import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { BotConfigRepository } from '../../bot/bot-config-repository.js';
import type { Database } from '../../db/schema.js';
import type { JobHandler } from '../../insights/job-runner.js';
import { BottleneckJob } from './bottleneck-job.js';
import { FindingRepository } from './finding-repository.js';
import { findingRoutes } from './finding-routes.js';

export interface FindingsModule {
  findings: FindingRepository;
  job: BottleneckJob;
  jobHandlers: Record<string, JobHandler>;
  routes: FastifyPluginAsync;
}

/** Bottleneck findings: the daily job on the app's JobRunner and the findings API. */
export function createFindingsModule(db: Kysely<Database>, deps: { botConfigs: BotConfigRepository }): FindingsModule {
  const findings = new FindingRepository(db);
  const job = new BottleneckJob(db, findings, deps.botConfigs);
  return {
    findings,
    job,
    jobHandlers: { [BottleneckJob.JOB_KIND]: job.asJob() },
    routes: async (app) => {
      await app.register(findingRoutes, { findings });
    },
  };
}
