import type { TenantContext } from '../tenancy/tenant-context.js';
import type { RetentionDays } from './privacy-settings.js';
import type { SubjectArchive } from './subject-archive.js';

/** One customer as the tenant knows them: every visitor identity that is theirs. */
export interface PersonalDataSubject extends TenantContext {
  visitorIds: string[];
  /** The tenant's own user id (widget `setUser`), when the request named one: tickets filed by API carry it. */
  externalId: string | null;
}

/** Delete removes the rows; anonymise keeps content-free rows (so counts and timelines stay) with nothing personal in them. */
export type ErasureMode = 'delete' | 'anonymise';

/**
 * A module that keeps personal information about customers. The privacy module exports, erases and
 * purges through these, so a new store of customer data (analytics events, recordings) takes part by
 * implementing this interface and being listed in build-app — not by the privacy module learning its tables.
 */
export interface PersonalDataHolder {
  /** Folder name in the export archive, and key in reports. */
  readonly name: string;
  /** Writes everything held about the subject into the archive; returns how many records it wrote. */
  export(subject: PersonalDataSubject, archive: SubjectArchive): Promise<number>;
  /** Removes (or irreversibly anonymises) the subject's data, including copies such as search tokens; counts per table. */
  erase(subject: PersonalDataSubject, mode: ErasureMode): Promise<Record<string, number>>;
  /** Removes what is older than the tenant's retention allows; counts per data class. */
  purgeExpired?(ctx: TenantContext, retention: RetentionDays, now: Date): Promise<Record<string, number>>;
}
