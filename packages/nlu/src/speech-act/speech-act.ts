import { z } from 'zod';

export const SPEECH_ACT_LABELS = ['question', 'request'] as const;

/**
 * What a message does. `question`: asks for general information, answerable without the customer's own data
 * (a policy, a procedure, a fee, a limit, opening hours: "能退吗", "跨行转账收手续费吗"). `request`: wants something
 * done ("帮我退了", "转人工"), reports the customer's own trouble to be handled ("快递一直没到"), or asks about their
 * own case ("我昨天那笔转账到了没"). `confidence` is the calibrated probability of `label`.
 */
export const speechActSchema = z.object({
  label: z.enum(SPEECH_ACT_LABELS),
  confidence: z.number().min(0).max(1),
});
export type SpeechAct = z.infer<typeof speechActSchema>;
export type SpeechActLabel = SpeechAct['label'];
