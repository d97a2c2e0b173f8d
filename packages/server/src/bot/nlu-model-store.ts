import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';

/** What `nlu_models.model` holds: which chunks make the tenant's model, and the engine that trained it. */
export interface NluModelManifest {
  /** The NLU engine revision that trained the model (absent: revision 1), read without loading the model. */
  engine?: number;
  /** The chunks' `model_id`: a new one per stored model, so a reader never mixes two models' chunks. */
  id: string;
  chunks: number;
  bytes: number;
}

/** The stored model's row without its bytes. */
export interface NluModelHeader {
  dataVersion: number;
  manifest: NluModelManifest;
}

/** The stored model's chunks did not add up, three reads in a row. */
export class NluModelUnreadableError extends AppError {
  readonly code = 'nlu_model_unreadable';
  readonly statusCode = 503;
}

/**
 * A tenant's trained NLU model in the database, as UTF-8 JSON cut into chunks read one statement each.
 * One big value made PGlite's WebAssembly memory grow by ~140 MB per tenant for good; a chunk makes it
 * grow by a chunk. The manifest and the chunks are written in one transaction, so a crash leaves the
 * previous model whole, and every node reads the model any node stored.
 *
 * @example
 * const store = new NluModelStore(db);
 * await store.save(ctx, { dataVersion: 3, model: model.toJSON(), trainMs: 900 });
 * const stored = await store.load(ctx); // { dataVersion: 3, model: {...} }
 */
export class NluModelStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly chunkBytes = 256 * 1024,
  ) {}

  async header(ctx: TenantContext): Promise<NluModelHeader | null> {
    const row = await this.db.selectFrom('nlu_models').select(['data_version', 'model']).where('tenant_id', '=', ctx.tenantId).executeTakeFirst();
    return row ? { dataVersion: row.data_version, manifest: row.model as NluModelManifest } : null;
  }

  async load(ctx: TenantContext): Promise<{ dataVersion: number; model: unknown } | null> {
    // Another node may store a newer model between the manifest and its chunks (the old chunks are then
    // gone): read the new manifest and start over.
    for (let attempt = 0; attempt < 3; attempt++) {
      const header = await this.header(ctx);
      if (!header) return null;
      const { id, chunks } = header.manifest;
      const parts: Uint8Array[] = [];
      for (let seq = 0; seq < chunks; seq++) {
        const chunk = await this.db
          .selectFrom('nlu_model_chunks')
          .select('bytes')
          .where('tenant_id', '=', ctx.tenantId)
          .where('model_id', '=', id)
          .where('seq', '=', seq)
          .executeTakeFirst();
        if (!chunk) break;
        parts.push(chunk.bytes);
      }
      if (parts.length === chunks) return { dataVersion: header.dataVersion, model: JSON.parse(Buffer.concat(parts).toString('utf8')) };
    }
    throw new NluModelUnreadableError(`the stored NLU model of tenant ${ctx.tenantId} changed under three reads in a row`);
  }

  /**
   * Stores a model trained on `dataVersion` unless one trained on newer data is stored already (another
   * node finished first); returns whether it was stored.
   */
  async save(ctx: TenantContext, input: { dataVersion: number; model: { engine?: number }; trainMs: number }): Promise<boolean> {
    const bytes = Buffer.from(JSON.stringify(input.model), 'utf8');
    const chunks = Math.max(1, Math.ceil(bytes.length / this.chunkBytes));
    const manifest: NluModelManifest = { ...(input.model.engine !== undefined ? { engine: input.model.engine } : {}), id: randomUUID(), chunks, bytes: bytes.length };
    const json = JSON.stringify(manifest);
    return this.db.transaction().execute(async (trx) => {
      const stored = await trx
        .insertInto('nlu_models')
        .values({ tenant_id: ctx.tenantId, data_version: input.dataVersion, model: json, train_ms: input.trainMs })
        .onConflict((oc) =>
          oc
            .column('tenant_id')
            .doUpdateSet({ data_version: input.dataVersion, model: json, train_ms: input.trainMs, trained_at: new Date() })
            .where('nlu_models.data_version', '<=', input.dataVersion),
        )
        .returning('tenant_id')
        .executeTakeFirst();
      if (!stored) return false;
      await trx.deleteFrom('nlu_model_chunks').where('tenant_id', '=', ctx.tenantId).where('model_id', '<>', manifest.id).execute();
      for (let seq = 0; seq < chunks; seq++) {
        await trx
          .insertInto('nlu_model_chunks')
          .values({ tenant_id: ctx.tenantId, model_id: manifest.id, seq, bytes: bytes.subarray(seq * this.chunkBytes, (seq + 1) * this.chunkBytes) })
          .execute();
      }
      return true;
    });
  }
}
