import { describe, expect, it } from 'vitest';
import { ContextPrefetch } from './context-prefetch.js';

function setup() {
  let clock = 0;
  const loads: string[] = [];
  const failing = new Set<string>();
  const prefetch = new ContextPrefetch(
    async (id: string) => {
      loads.push(id);
      if (failing.has(id)) throw new Error('boom');
      return { id, summary: `summary of ${id}` };
    },
    () => clock,
    1000,
  );
  return { prefetch, loads, failing, advance: (ms: number) => (clock += ms) };
}

describe('context prefetch for offers', () => {
  it('hands the prefetched context to the chat once', async () => {
    const { prefetch, loads } = setup();
    prefetch.start('c1');
    expect(await prefetch.take('c1')).toEqual({ id: 'c1', summary: 'summary of c1' });
    expect(await prefetch.take('c1')).toBeNull();
    expect(loads).toEqual(['c1']);
  });

  it('does not load a conversation twice while its prefetch is fresh, and again once stale', async () => {
    const { prefetch, loads, advance } = setup();
    prefetch.start('c1');
    prefetch.start('c1');
    advance(1000);
    prefetch.start('c1');
    expect(loads).toEqual(['c1', 'c1']);
  });

  it('never hands out a stale context', async () => {
    const { prefetch, advance } = setup();
    prefetch.start('c1');
    advance(1000);
    expect(await prefetch.take('c1')).toBeNull();
  });

  it('hands out nothing for a failed prefetch, so the chat loads for itself', async () => {
    const { prefetch, failing } = setup();
    failing.add('c2');
    prefetch.start('c2');
    expect(await prefetch.take('c2')).toBeNull();
  });

  it('forgets a dropped offer', async () => {
    const { prefetch } = setup();
    prefetch.start('c3');
    prefetch.drop('c3');
    expect(await prefetch.take('c3')).toBeNull();
  });
});
