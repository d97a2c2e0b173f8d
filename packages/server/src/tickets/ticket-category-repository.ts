import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { TicketCategoriesTable, TicketDatabase, TicketFieldDefinition, TicketPriority } from './ticket-schema.js';

const UNIQUE_VIOLATION = '23505';

export type TicketCategoryRow = Selectable<TicketCategoriesTable>;

export interface TicketCategoryInput {
  key: string;
  name: string;
  description?: string;
  fields?: TicketFieldDefinition[];
  examples?: string[];
  defaultGroupId?: string | null;
  defaultPriority?: TicketPriority;
  position?: number;
  active?: boolean;
}

/** A tenant's ticket categories (what the widget offers, what rules, policies and the classifier name). */
export class TicketCategoryRepository {
  constructor(private readonly db: Kysely<TicketDatabase>) {}

  list(tenantId: string, options: { activeOnly: boolean }): Promise<TicketCategoryRow[]> {
    let q = this.db.selectFrom('ticket_categories').selectAll().where('tenant_id', '=', tenantId);
    if (options.activeOnly) q = q.where('active', '=', true);
    return q.orderBy('position').orderBy('name').execute();
  }

  async create(tenantId: string, input: TicketCategoryInput): Promise<TicketCategoryRow> {
    if (input.defaultGroupId) await this.assertGroup(tenantId, input.defaultGroupId);
    try {
      return await this.db
        .insertInto('ticket_categories')
        .values({
          id: randomUUID(),
          tenant_id: tenantId,
          key: input.key,
          name: input.name,
          description: input.description ?? '',
          fields: JSON.stringify(input.fields ?? []),
          examples: JSON.stringify(input.examples ?? []),
          default_group_id: input.defaultGroupId ?? null,
          default_priority: input.defaultPriority ?? 'P3',
          position: input.position ?? 0,
          active: input.active ?? true,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (err) {
      if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) throw new ConflictError(`Category key "${input.key}" already exists`, 'category_key_taken');
      throw err;
    }
  }

  async update(tenantId: string, id: string, patch: Partial<Omit<TicketCategoryInput, 'key'>>): Promise<TicketCategoryRow> {
    if (patch.defaultGroupId) await this.assertGroup(tenantId, patch.defaultGroupId);
    const set: Updateable<TicketCategoriesTable> = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.fields !== undefined ? { fields: JSON.stringify(patch.fields) } : {}),
      ...(patch.examples !== undefined ? { examples: JSON.stringify(patch.examples) } : {}),
      ...(patch.defaultGroupId !== undefined ? { default_group_id: patch.defaultGroupId } : {}),
      ...(patch.defaultPriority !== undefined ? { default_priority: patch.defaultPriority } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    const query = Object.keys(set).length > 0 ? this.db.updateTable('ticket_categories').set(set) : this.db.updateTable('ticket_categories').set({ key: (eb) => eb.ref('key') });
    const row = await query.where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw new NotFoundError('Ticket category');
    return row;
  }

  private async assertGroup(tenantId: string, groupId: string): Promise<void> {
    const group = await this.db.selectFrom('agent_groups').select('id').where('tenant_id', '=', tenantId).where('id', '=', groupId).executeTakeFirst();
    if (!group) throw new NotFoundError('Agent group');
  }
}
