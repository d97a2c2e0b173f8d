import type { Migration } from 'kysely';
import * as m0001 from './0001-init.js';

/** Versioned migrations, applied in key order on start. Never edit a released one; add the next. */
export const migrations: Record<string, Migration> = {
  '0001-init': m0001,
};
