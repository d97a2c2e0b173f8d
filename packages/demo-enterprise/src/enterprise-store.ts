import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { chinaDay } from './china-day.js';
import { completeBooks, reanchorBooks, seedBooks, type TenantBooks } from './enterprise-books.js';

/**
 * The fake enterprise's own data, one set of books per Zhida tenant, seeded on the tenant's first
 * request. With a file it survives restarts (written whole, via a temporary file and a rename, after
 * every change); without one it lives as long as the process (tests).
 */
export class EnterpriseStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly tenants: Record<string, TenantBooks>,
    private readonly file: string | null,
    private readonly now: () => Date,
  ) {}

  static inMemory(now: () => Date = () => new Date()): EnterpriseStore {
    return new EnterpriseStore({}, null, now);
  }

  /** Opens (or starts) the books in `file`; seeded dates move forward to today. */
  static async open(file: string, now: () => Date = () => new Date()): Promise<EnterpriseStore> {
    let tenants: Record<string, TenantBooks> = {};
    try {
      tenants = JSON.parse(await readFile(file, 'utf8')) as Record<string, TenantBooks>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const books of Object.values(tenants)) {
      completeBooks(books, now());
      reanchorBooks(books, now());
    }
    return new EnterpriseStore(tenants, file, now);
  }

  books(tenant: string): TenantBooks {
    this.tenants[tenant] ??= seedBooks(this.now());
    return this.tenants[tenant];
  }

  /** A reference number customers quote later: prefix + CST date + a per-tenant daily counter, e.g. `RMA202611250001`. */
  nextReference(tenant: string, prefix: string): string {
    const books = this.books(tenant);
    const day = chinaDay(this.now()).replace(/-/g, '');
    const value = (books.sequences[prefix + day] ?? 0) + 1;
    books.sequences[prefix + day] = value;
    return `${prefix}${day}${String(value).padStart(4, '0')}`;
  }

  /** Saves after a change; saves queue up so two never write the file at once. */
  save(): Promise<void> {
    if (!this.file) return Promise.resolve();
    const file = this.file;
    const text = JSON.stringify(this.tenants);
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, text);
      await rename(`${file}.tmp`, file);
    });
    return this.writing;
  }
}
