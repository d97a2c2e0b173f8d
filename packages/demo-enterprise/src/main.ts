import { z } from 'zod';
import { buildDemoEnterpriseApp } from './demo-enterprise-app.js';
import { EnterpriseStore } from './enterprise-store.js';

// `npm start` runs this beside Zhida and hands both the same secret; alone: DEMO_ENTERPRISE_SECRET=… npm start -w packages/demo-enterprise
const config = z
  .object({
    DEMO_ENTERPRISE_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
    DEMO_ENTERPRISE_HOST: z.string().min(1).default('127.0.0.1'),
    DEMO_ENTERPRISE_SECRET: z.string().min(16, 'must be at least 16 characters'),
    // Where the enterprise keeps its books between starts; empty: in memory only.
    DEMO_ENTERPRISE_DATA_FILE: z.string().default('data/demo-enterprise.json'),
  })
  .parse(process.env);

const store = config.DEMO_ENTERPRISE_DATA_FILE ? await EnterpriseStore.open(config.DEMO_ENTERPRISE_DATA_FILE) : EnterpriseStore.inMemory();
const app = await buildDemoEnterpriseApp({ secret: config.DEMO_ENTERPRISE_SECRET, store, logger: false });
await app.listen({ port: config.DEMO_ENTERPRISE_PORT, host: config.DEMO_ENTERPRISE_HOST });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void app.close().then(() => process.exit(0)));
