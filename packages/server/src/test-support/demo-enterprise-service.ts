import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildDemoEnterpriseApp, EnterpriseStore, type TenantBooks } from '@zhida/demo-enterprise';

export interface RunningDemoEnterprise {
  /** ZHIDA_ENTERPRISE_URL and ZHIDA_ENTERPRISE_SECRET, as AppConfig takes them. */
  backend: { url: string; secret: string };
  /** The same as the environment `npm start` gives the server: pass to loadConfig. */
  env: { ZHIDA_ENTERPRISE_URL: string; ZHIDA_ENTERPRISE_SECRET: string };
  /** A tenant's books as the service holds them (seeded on first use): what tests check the backend's side in. */
  books(tenantId: string): TenantBooks;
  /** Takes the service down: open connections are cut, new ones refused. */
  stop(): Promise<void>;
}

/**
 * The demo enterprise as `npm start` runs it, on 127.0.0.1 and a free port, with its books in memory:
 * start the app with `TestApp.start(backend, { enterpriseBackend: demo.backend })`, or `loadConfig({ ...demo.env })`. `now` is the books'
 * clock (seeding and every business date); signatures are checked on the wall clock.
 */
export async function startDemoEnterprise(options: { now?: () => Date } = {}): Promise<RunningDemoEnterprise> {
  const secret = randomBytes(24).toString('hex');
  const store = EnterpriseStore.inMemory(options.now);
  const app = await buildDemoEnterpriseApp({ secret, store, now: options.now });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  let stopped = false;
  return {
    backend: { url: `http://127.0.0.1:${port}`, secret },
    env: { ZHIDA_ENTERPRISE_URL: `http://127.0.0.1:${port}`, ZHIDA_ENTERPRISE_SECRET: secret },
    books: (tenantId) => store.books(tenantId),
    async stop() {
      if (stopped) return;
      stopped = true;
      app.server.closeAllConnections();
      await app.close();
    },
  };
}
