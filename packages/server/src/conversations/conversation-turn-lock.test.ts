import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.js';
import { ConversationTurnLock } from './conversation-turn-lock.js';

// The in-process part (all of it on PGlite) never touches the database.
const lock = () => new ConversationTurnLock(null as unknown as Kysely<Database>, 'pglite');
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the turn lock of a conversation in one process', () => {
  it('runs the turns of one conversation one after another, in the order they asked', async () => {
    const turns = lock();
    const log: string[] = [];
    const turn = (name: string) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([turns.run('c1', turn('a')), turns.run('c1', turn('b')), turns.run('c1', turn('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it('lets turns of different conversations overlap', async () => {
    const turns = lock();
    const log: string[] = [];
    const turn = (name: string) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
    };
    await Promise.all([turns.run('c1', turn('a')), turns.run('c2', turn('b'))]);
    expect(log.slice(0, 2)).toEqual(['a starts', 'b starts']);
  });

  it('passes the lock on when a turn fails', async () => {
    const turns = lock();
    const failed = turns.run('c1', async () => {
      await tick();
      throw new Error('connector down');
    });
    const next = turns.run('c1', async () => 'answered');
    await expect(failed).rejects.toThrow('connector down');
    expect(await next).toBe('answered');
  });
});
