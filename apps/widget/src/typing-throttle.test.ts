import { describe, expect, it } from 'vitest';
import { ManualScheduler } from './test-support/manual-scheduler.js';
import { TypingThrottle } from './typing-throttle.js';

function setup() {
  const scheduler = new ManualScheduler();
  const sent: boolean[] = [];
  const typing = new TypingThrottle((isTyping) => sent.push(isTyping), scheduler, { refreshMs: 2000, idleMs: 3000 });
  return { scheduler, sent, typing };
}

describe('typing indicator signals', () => {
  it('sends one "typing" for a burst of keystrokes, not one per key', () => {
    const { scheduler, sent, typing } = setup();
    for (let i = 0; i < 10; i++) {
      typing.keystroke();
      scheduler.advance(100);
    }
    expect(sent).toEqual([true]);
  });

  it('refreshes the signal while the visitor keeps typing', () => {
    const { scheduler, sent, typing } = setup();
    for (let i = 0; i < 25; i++) {
      typing.keystroke();
      scheduler.advance(200);
    }
    // 5 seconds of typing with a 2 s refresh: at 0, 2000 and 4000 ms.
    expect(sent).toEqual([true, true, true]);
  });

  it('says the visitor stopped once they pause', () => {
    const { scheduler, sent, typing } = setup();
    typing.keystroke();
    scheduler.advance(2999);
    expect(sent).toEqual([true]);
    scheduler.advance(1);
    expect(sent).toEqual([true, false]);
  });

  it('stops immediately when the message is sent, and only once', () => {
    const { scheduler, sent, typing } = setup();
    typing.keystroke();
    typing.stop();
    scheduler.advance(10_000);
    typing.stop();
    expect(sent).toEqual([true, false]);
  });
});
