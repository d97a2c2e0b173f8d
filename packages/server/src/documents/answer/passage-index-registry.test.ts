import { describe, expect, it } from 'vitest';
import { DomainEvents } from '../../events/domain-events.js';
import type { DocumentPassagePort, EnabledPassage } from '../document-passage-port.js';
import { PassageIndexRegistry } from './passage-index-registry.js';

const passage: EnabledPassage = { passageId: 'p1', documentId: 'd1', documentTitle: '退货政策', version: 1, headingPath: ['退货'], text: '七天无理由退货，运费由买家承担。', anchor: 'tui-huo' };

function countingPort(): DocumentPassagePort & { reads: number } {
  const port = {
    reads: 0,
    listEnabledPassages: async () => {
      port.reads++;
      return [passage];
    },
  };
  return port as unknown as DocumentPassagePort & { reads: number };
}

describe('PassageIndexRegistry', () => {
  it('builds a tenant index once and keeps it until the documents change or it is maxAgeMs old', async () => {
    const port = countingPort();
    const events = new DomainEvents();
    let now = 0;
    const indexes = new PassageIndexRegistry(port, events, 60_000, () => now);
    const ctx = { tenantId: 't1' };
    // A tenant whose documents never changed in this process (a restart): built once, then served from the cache.
    for (let i = 0; i < 5; i++) await indexes.get(ctx);
    expect(port.reads).toBe(1);
    events.emit('documents.changed', { tenantId: 't1' });
    await indexes.get(ctx);
    await indexes.get(ctx);
    expect(port.reads).toBe(2);
    now = 60_001;
    await indexes.get(ctx);
    expect(port.reads).toBe(3);
  });
});
