import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PersonalDataHolder, PersonalDataSubject } from '../privacy/personal-data-holder.js';
import type { SubjectArchive } from '../privacy/subject-archive.js';
import { callDatabase, type CallDatabase } from './call-schema.js';

/**
 * A customer's calls and call recordings for data subjects' requests (PIPL): exported with the
 * recordings' files, and on erasure the recordings (their face and voice) are always deleted — an
 * anonymised conversation keeps its call rows (times and durations), never a recording.
 */
export class CallDataHolder implements PersonalDataHolder {
  readonly name = 'calls';
  private readonly db: Kysely<CallDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = callDatabase(db);
  }

  private calls(subject: PersonalDataSubject) {
    return this.db
      .selectFrom('calls as c')
      .innerJoin('conversations as v', (j) => j.onRef('v.id', '=', 'c.conversation_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
      .where('c.tenant_id', '=', subject.tenantId)
      .where('v.visitor_id', 'in', subject.visitorIds);
  }

  async export(subject: PersonalDataSubject, archive: SubjectArchive): Promise<number> {
    if (subject.visitorIds.length === 0) return 0;
    const calls = await this.calls(subject).select(['c.id', 'c.conversation_id', 'c.kind', 'c.state', 'c.created_at', 'c.connected_at', 'c.ended_at', 'c.duration_seconds', 'c.ended_by', 'c.end_reason']).orderBy('c.created_at').execute();
    if (calls.length === 0) return 0;
    await archive.json('calls/calls.json', calls);
    const recordings = await this.db.selectFrom('call_recordings').select(['call_id', 'data']).where('tenant_id', '=', subject.tenantId).where('call_id', 'in', calls.map((c) => c.id)).execute();
    for (const r of recordings) await archive.file(`calls/${r.call_id}.webm`, Buffer.from(r.data));
    return calls.length + recordings.length;
  }

  /** Both modes delete the recordings; in delete mode the call rows then go with their conversation (on delete cascade). */
  async erase(subject: PersonalDataSubject): Promise<Record<string, number>> {
    if (subject.visitorIds.length === 0) return { callRecordings: 0 };
    const ids = (await this.calls(subject).select('c.id').execute()).map((c) => c.id);
    if (ids.length === 0) return { callRecordings: 0 };
    const removed = await this.db.deleteFrom('call_recordings').where('tenant_id', '=', subject.tenantId).where('call_id', 'in', ids).executeTakeFirst();
    return { callRecordings: Number(removed.numDeletedRows) };
  }
}
