import { buildApp } from '../../../http/build-app.js';
import { TestApp, testConfig } from '../../../test-support/test-app.js';
import type { Backend } from '../../../test-support/test-backends.js';
import { createKnowledgeBaseModules, type KnowledgeBaseModules } from '../knowledge-base-modules.js';

/**
 * A TestApp with the knowledge-base modules registered under /api/v1, the
 * way build-app.ts will once they are wired in (then use TestApp.start).
 */
export async function startKbTestApp(backend: Backend): Promise<{ t: TestApp; kb: KnowledgeBaseModules }> {
  const config = testConfig(backend);
  const app = await buildApp(config);
  const kb = createKnowledgeBaseModules(app.zhida.database.db, app.zhida);
  await app.register(kb.routes, { prefix: '/api/v1' });
  await app.ready();
  // TestApp's constructor is private to keep callers on start(); its helpers are what these tests need.
  const t = Reflect.construct(TestApp, [app, config]) as TestApp;
  return { t, kb };
}
