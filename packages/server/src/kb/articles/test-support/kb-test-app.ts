import { TestApp } from '../../../test-support/test-app.js';
import type { Backend } from '../../../test-support/test-backends.js';
import type { KnowledgeBaseModules } from '../knowledge-base-modules.js';

/** A TestApp and its knowledge-base modules (the ones build-app wires in). */
export async function startKbTestApp(backend: Backend): Promise<{ t: TestApp; kb: KnowledgeBaseModules }> {
  const t = await TestApp.start(backend);
  return { t, kb: t.app.zhida.kb };
}
