/**
 * Hands audio to a cloud recogniser in fixed frames no faster than real time plus a small lead. Tencent's and
 * iFlytek's streaming recognisers want a 40 ms frame about every 40 ms and may fail a stream that runs ahead, while a
 * hold-to-talk recording arrives all at once; a phone call's audio arrives in real time and is never held back.
 *
 * Paused until `resume()` (the provider's handshake is done); `end()` flushes the remainder as a last short frame.
 * @example const pacer = new RealtimePacer((frame, last) => socket.send(frame)); pacer.push(bytes); pacer.resume(); await pacer.end();
 */
export class RealtimePacer {
  private readonly frames: Buffer[] = [];
  private partial = Buffer.alloc(0);
  private paused = true;
  private ended = false;
  private cancelled = false;
  private startedAt = -1;
  private sentMs = 0;
  private timer: NodeJS.Timeout | null = null;
  private drained: (() => void) | null = null;
  private readonly frameBytes: number;
  private readonly bytesPerMs: number;
  private readonly leadMs: number;
  private readonly now: () => number;

  constructor(
    private readonly send: (frame: Buffer, last: boolean) => void,
    options: { frameBytes?: number; bytesPerMs?: number; leadMs?: number; now?: () => number } = {},
  ) {
    // 40 ms of 16 kHz PCM16, the frame both providers document.
    this.frameBytes = options.frameBytes ?? 1280;
    this.bytesPerMs = options.bytesPerMs ?? 32;
    this.leadMs = options.leadMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Audio seconds handed over so far. */
  get sentSeconds(): number {
    return this.sentMs / 1000;
  }

  push(bytes: Buffer): void {
    if (this.ended || this.cancelled) return;
    let data = this.partial.length ? Buffer.concat([this.partial, bytes]) : bytes;
    while (data.length >= this.frameBytes) {
      this.frames.push(data.subarray(0, this.frameBytes));
      data = data.subarray(this.frameBytes);
    }
    this.partial = Buffer.from(data);
    this.pump();
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** No more audio: resolves once every frame has been handed over (the last one with `last` set). */
  end(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      this.frames.push(this.partial);
      this.partial = Buffer.alloc(0);
    }
    return new Promise((resolve) => {
      this.drained = resolve;
      this.pump();
    });
  }

  cancel(): void {
    this.cancelled = true;
    this.frames.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.paused || this.cancelled || this.timer) return;
    while (this.frames.length > 0) {
      if (this.startedAt < 0) this.startedAt = this.now();
      const ahead = this.sentMs - (this.now() - this.startedAt);
      if (ahead > this.leadMs) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, ahead - this.leadMs);
        return;
      }
      const frame = this.frames.shift()!;
      this.sentMs += frame.length / this.bytesPerMs;
      this.send(frame, this.ended && this.frames.length === 0);
    }
    if (this.ended) this.drained?.();
  }
}
