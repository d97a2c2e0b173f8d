import { z } from 'zod';
import { FINDING_KINDS } from './bottleneck-detector.js';
import type { FindingEvidence, FindingRow } from './finding-schema.js';

export const findingDtoSchema = z.object({
  id: z.string(),
  kind: z.enum(FINDING_KINDS),
  subjectKey: z.string(),
  subjectLabel: z.string(),
  day: z.string(),
  status: z.enum(['open', 'dismissed', 'done']),
  comparison: z.enum(['baseline', 'peers']),
  rate: z.number(),
  referenceRate: z.number(),
  events: z.number().int(),
  trials: z.number().int(),
  referenceTrials: z.number().int(),
  pValue: z.number(),
  qValue: z.number(),
  reason: z.string().nullable(),
  summary: z.string(),
  suggestion: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export type FindingDto = z.infer<typeof findingDtoSchema>;

export function toFindingDto(row: FindingRow): FindingDto {
  return {
    id: row.id,
    kind: row.kind,
    subjectKey: row.subject_key,
    subjectLabel: row.subject_label,
    day: row.day,
    status: row.status,
    comparison: row.comparison,
    rate: row.rate,
    referenceRate: row.reference_rate,
    events: row.events,
    trials: row.trials,
    referenceTrials: row.reference_trials,
    pValue: row.p_value,
    qValue: row.q_value,
    reason: row.reason,
    summary: row.summary,
    suggestion: row.suggestion,
    evidence: row.evidence as FindingEvidence as unknown as Record<string, unknown>,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decidedBy: row.decided_by,
  };
}
