import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { passwordHasher } from '../auth/password-hasher.js';
import type { Database, Role, UserRow } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

/** Staff accounts of a tenant. */
export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async exists(ctx: TenantContext, id: string): Promise<boolean> {
    return !!(await this.db.selectFrom('users').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst());
  }

  async list(ctx: TenantContext): Promise<UserDto[]> {
    const rows = await this.db.selectFrom('users').selectAll().where('tenant_id', '=', ctx.tenantId).orderBy('created_at').execute();
    return rows.map(toDto);
  }

  async get(ctx: TenantContext, id: string): Promise<UserDto> {
    const row = await this.db.selectFrom('users').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('User');
    return toDto(row);
  }

  async create(ctx: TenantContext, input: { email: string; name: string; role: Role; password: string }): Promise<UserDto> {
    const email = input.email.trim().toLowerCase();
    const taken = await this.db.selectFrom('users').select('id').where('tenant_id', '=', ctx.tenantId).where('email', '=', email).executeTakeFirst();
    if (taken) throw new ConflictError('A user with this e-mail already exists', 'email_taken');
    const row = await this.db
      .insertInto('users')
      .values({ id: randomUUID(), tenant_id: ctx.tenantId, email, name: input.name, role: input.role, password_hash: await passwordHasher.hash(input.password) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDto(row);
  }

  async update(ctx: TenantContext, id: string, patch: { name?: string; role?: Role; active?: boolean; password?: string }): Promise<UserDto> {
    const row = await this.db
      .updateTable('users')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.password !== undefined ? { password_hash: await passwordHasher.hash(patch.password) } : {}),
        updated_at: new Date(),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('User');
    return toDto(row);
  }

  async delete(ctx: TenantContext, id: string): Promise<void> {
    const res = await this.db.deleteFrom('users').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new NotFoundError('User');
  }
}

function toDto(row: UserRow): UserDto {
  return { id: row.id, email: row.email, name: row.name, role: row.role, active: row.active, createdAt: new Date(row.created_at).toISOString() };
}
