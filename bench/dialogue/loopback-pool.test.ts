import { describe, expect, it } from 'vitest';
import { LoopbackPool } from './loopback-pool.js';

describe('loopback source addresses', () => {
  it('goes round the addresses in turn', async () => {
    const pool = new LoopbackPool(['127.0.0.2', '127.0.0.3'], 30, 60_000, () => 0);
    expect([await pool.take(), await pool.take(), await pool.take()]).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.2']);
  });

  it('waits for the window to roll over once every address has spent its budget', async () => {
    let clock = 0;
    const waits: number[] = [];
    const pool = new LoopbackPool(['127.0.0.2', '127.0.0.3'], 1, 60_000, () => clock, async (ms) => {
      waits.push(ms);
      clock += ms;
    });
    await pool.take();
    clock = 10_000;
    await pool.take();
    expect(await pool.take()).toBe('127.0.0.2');
    expect(waits).toEqual([50_000]);
  });
});
