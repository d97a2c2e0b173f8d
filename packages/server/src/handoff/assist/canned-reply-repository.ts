import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors/app-error.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { handoffDatabase, type HandoffDatabase } from '../handoff-schema.js';
import { toCannedReplyDto, type CannedReplyDto, type CannedReplyInput, type CannedReplyPatch } from './canned-reply-dto.js';

const UNIQUE_VIOLATION = '23505';
// A tenant's list is read whole by the console's `/` menu; more than this is no longer a shortcut list.
const MAX_LISTED = 500;

/** Who asks: their own replies are visible to them only; `mayWriteTenant` is the kb.write permission. */
export interface CannedReplyCaller extends TenantContext {
  userId: string | null;
  mayWriteTenant: boolean;
}

/** The tenant's canned replies and each agent's own. Another agent's personal reply is not found, like another tenant's. */
export class CannedReplyRepository {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = handoffDatabase(db);
  }

  private visible(caller: CannedReplyCaller) {
    return this.db
      .selectFrom('canned_replies')
      .selectAll()
      .where('tenant_id', '=', caller.tenantId)
      .where((eb) => (caller.userId ? eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', caller.userId)]) : eb('owner_id', 'is', null)));
  }

  /** The tenant's replies and the caller's own, by shortcut. */
  async list(caller: CannedReplyCaller): Promise<CannedReplyDto[]> {
    const rows = await this.visible(caller).orderBy('shortcut').orderBy('id').limit(MAX_LISTED).execute();
    return rows.map(toCannedReplyDto);
  }

  async get(caller: CannedReplyCaller, id: string): Promise<CannedReplyDto> {
    const row = await this.visible(caller).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('Canned reply');
    return toCannedReplyDto(row);
  }

  async create(caller: CannedReplyCaller, input: CannedReplyInput): Promise<CannedReplyDto> {
    if (input.scope === 'tenant' && !caller.mayWriteTenant) throw new ForbiddenError('Only staff who may edit the knowledge base can add a canned reply for everyone');
    if (input.scope === 'personal' && !caller.userId) throw new BadRequestError('An API key has no personal canned replies; use scope "tenant"', 'not_a_user');
    const now = new Date();
    return this.unique(input.shortcut, async () => {
      const row = await this.db
        .insertInto('canned_replies')
        .values({ id: randomUUID(), tenant_id: caller.tenantId, owner_id: input.scope === 'tenant' ? null : caller.userId, shortcut: input.shortcut, title: input.title, body: input.body, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCannedReplyDto(row);
    });
  }

  async update(caller: CannedReplyCaller, id: string, patch: CannedReplyPatch): Promise<CannedReplyDto> {
    const current = await this.writable(caller, id);
    return this.unique(patch.shortcut ?? current.shortcut, async () => {
      const row = await this.db
        .updateTable('canned_replies')
        .set({ ...patch, updated_at: new Date() })
        .where('tenant_id', '=', caller.tenantId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new NotFoundError('Canned reply');
      return toCannedReplyDto(row);
    });
  }

  async delete(caller: CannedReplyCaller, id: string): Promise<void> {
    await this.writable(caller, id);
    await this.db.deleteFrom('canned_replies').where('tenant_id', '=', caller.tenantId).where('id', '=', id).execute();
  }

  private async writable(caller: CannedReplyCaller, id: string): Promise<CannedReplyDto> {
    const reply = await this.get(caller, id);
    if (reply.scope === 'tenant' && !caller.mayWriteTenant) throw new ForbiddenError('Only staff who may edit the knowledge base can change a canned reply for everyone');
    return reply;
  }

  private async unique<T>(shortcut: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) throw new ConflictError(`The shortcut /${shortcut} is already taken`, 'canned_shortcut_taken');
      throw err;
    }
  }
}
