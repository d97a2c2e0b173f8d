import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root, where `packages/server/src/main.ts` is started from. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

export class ServerStartError extends Error {
  readonly code = 'server_start_failed';
}

/** Asks the kernel for a free loopback port (there is a small window before the server binds it). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The real server (`node --import tsx packages/server/src/main.ts`) as a child
 * process, so a test can SIGKILL it like a crashed host and start it again on
 * the same data.
 *
 * @example
 * const server = await ServerProcess.start({ ZHIDA_DATA_DIR: dir });
 * await fetch(server.url + '/readyz');
 * server.kill('SIGKILL');
 */
export class ServerProcess {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer) => {
      // Only the tail matters for a failure message; an unbounded buffer would grow with the log.
      this.output = (this.output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts the server with `env` on top of the current environment and waits until `/readyz` answers 200. */
  // A hang limit: /readyz waits for the demo tenants to be seeded, which on a busy two-core machine can take minutes.
  // Tests pass `reuseTrainedModels`: the server then starts behind the suite's disk cache of trained models
  // (test-support/nlu-model-cache-setup.ts), as every in-process app of the suite does, instead of spending
  // ~10 s of CPU per demo tenant on a cold start. Benchmarks leave it off and pay what a real start pays.
  static async start(env: Record<string, string>, timeoutMs = 180_000, options: { reuseTrainedModels?: boolean } = {}): Promise<ServerProcess> {
    const port = await freePort();
    const entry = options.reuseTrainedModels ? 'packages/server/src/crash/test-support/main-reusing-trained-models.ts' : 'packages/server/src/main.ts';
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new ServerStartError(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${server.output}`);
      }
      try {
        const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return server;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await server.stop();
    throw new ServerStartError(`server was not ready within ${timeoutMs} ms:\n${server.output}`);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The last few kilobytes the server printed, for failure messages. */
  get log(): string {
    return this.output;
  }

  /** Sends `signal` and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }

  /** A graceful stop (SIGTERM), escalating to SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
