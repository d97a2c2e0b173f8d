import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { NluModelStore } from '../../bot/nlu-model-store.js';
import { PGliteDialect } from '../pglite-dialect.js';
import type { Database } from '../schema.js';
import { migrations } from './index.js';

// Models stored before 0036 are one jsonb value each; the migration must move them into chunks the
// store reads back as the same model (retraining four demo tenants on upgrade takes minutes).
describe('migration 0036-nlu-model-chunks', () => {
  it('moves every stored model into chunks that read back as the same model, engine kept', async () => {
    const pglite = new PGlite();
    await pglite.waitReady;
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('0034-assist-passages')).error).toBeUndefined();
      const tenants = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
      // Over 256 KiB, with multi-byte text across the chunk edges; the second from an older engine (no `engine`).
      const models = [
        { engine: 7, vocabulary: Array.from({ length: 30_000 }, (_, i) => `运费险${i}`), weights: 'QUJD'.repeat(20_000) },
        { labels: ['退货', '发票'], weights: 'QUJD' },
      ];
      for (const [i, id] of tenants.entries()) {
        await sql`insert into tenants (id, slug, name, industry) values (${id}, ${`m36-${i}`}, 'm36', 'ecommerce')`.execute(db);
        await sql`insert into nlu_models (tenant_id, data_version, model, train_ms) values (${id}, ${i + 3}, ${JSON.stringify(models[i])}, 10)`.execute(db);
      }

      expect((await migrator.migrateTo('0036-nlu-model-chunks')).error).toBeUndefined();

      const store = new NluModelStore(db);
      const first = await store.header({ tenantId: tenants[0]! });
      expect(first?.manifest).toMatchObject({ engine: 7 });
      expect(first!.manifest.chunks).toBeGreaterThan(1);
      expect(await store.load({ tenantId: tenants[0]! })).toEqual({ dataVersion: 3, model: models[0] });
      const second = await store.header({ tenantId: tenants[1]! });
      expect(second?.manifest.engine).toBeUndefined();
      expect(await store.load({ tenantId: tenants[1]! })).toEqual({ dataVersion: 4, model: models[1] });
    } finally {
      await db.destroy();
    }
  });
});
