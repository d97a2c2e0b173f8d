import { createHash } from 'node:crypto';

/** The hash a subject (verified customer id, else visitor id) is stored and bucketed under; the raw id is never kept. */
export function subjectHash(experimentId: string, subject: string): string {
  return createHash('sha256').update(`${experimentId}\u0000${subject}`).digest('hex');
}

/**
 * The variant a subject falls in: the first 52 bits of its hash as a fraction of one, laid over
 * the variants' weights in the order given. Same experiment and subject → same variant, on every
 * node; a different experiment reshuffles everyone independently.
 * @example pickVariant('3f…', [{ key: 'personalised', weight: 50 }, { key: 'popular', weight: 50 }]) // 'popular'
 */
export function pickVariant(hash: string, variants: readonly { key: string; weight: number }[]): string {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  if (variants.length === 0 || total <= 0) throw new Error('an experiment needs a variant with weight');
  const fraction = Number.parseInt(hash.slice(0, 13), 16) / 2 ** 52;
  let edge = 0;
  for (const variant of variants) {
    edge += variant.weight / total;
    if (fraction < edge) return variant.key;
  }
  return variants.findLast((v) => v.weight > 0)!.key;
}
