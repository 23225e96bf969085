import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isTemporalServing } from './temporal-probe.js';

/** One run of `temporal server start-dev`, its output appended to a log file. */
export interface DevServerProcess {
  /** Undefined when it could not be spawned at all. */
  readonly pid: number | undefined;
  /** How it ended ('exit code 1', 'signal SIGKILL'); undefined while it runs. */
  readonly exit: string | undefined;
  /** Resolves with `exit` once it has ended. */
  readonly exited: Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has ended. */
  stop(graceMs: number): Promise<void>;
  /** SIGTERM without waiting, for when our own process is exiting. */
  terminate(): void;
}

export async function spawnDevServerProcess(cliPath: string, args: string[], logFile: string): Promise<DevServerProcess> {
  const logHandle = await open(logFile, 'a');
  await logHandle.write(`\n--- ${new Date().toISOString()} ${cliPath} ${args.join(' ')}\n`);
  // In our process group on purpose: a Ctrl-C in the terminal stops it even when we cannot (the
  // tsx runner SIGKILLs a child that is slow to acknowledge a signal).
  const child = spawn(cliPath, args, { stdio: ['ignore', logHandle.fd, logHandle.fd] });
  // Listen before anything awaits: a server that fails at once can exit while we wait, and an
  // 'exit' event with no listener yet is lost for good.
  let exit: string | undefined;
  const exited = new Promise<string>((resolve) => {
    const end = (reason: string) => resolve((exit ??= reason));
    child.once('exit', (code, signal) => end(signal ? `signal ${signal}` : `exit code ${code}`));
    child.once('error', (error) => end(`spawn error: ${error.message}`));
  });
  await logHandle.close(); // the child holds its own copy

  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid,
    get exit() {
      return exit;
    },
    exited,
    stop: (graceMs) =>
      (stopping ??= (async () => {
        if (exit !== undefined) return;
        child.kill('SIGTERM');
        if ((await Promise.race([exited, sleep(graceMs, 'timeout', { ref: false })])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      })()),
    terminate: () => {
      if (exit === undefined) child.kill('SIGTERM');
    },
  };
}

/** The server ended, or never served, during its startup; the message ends with the end of its log. */
export class DevServerStartError extends Error {
  override readonly name = 'DevServerStartError';
  constructor(
    /** What happened, in one sentence. */
    readonly summary: string,
    logFile: string,
    readonly logTail: string,
  ) {
    super(`${summary}. End of ${logFile}:\n${logTail}`);
  }

  /** The summary with the log's last line (usually the server's own reason), for a one-line report. */
  get oneLine(): string {
    const lastLine = this.logTail.trimEnd().split('\n').at(-1)?.trim();
    return lastLine ? `${this.summary}; its log ends: ${lastLine}` : this.summary;
  }
}

/** Resolves once the server serves `namespace` at `address`; throws (having stopped it) if it ends or takes too long. */
export async function waitUntilServing(
  server: DevServerProcess,
  o: { address: string; namespace: string; timeoutMs: number; graceMs: number; logFile: string },
): Promise<void> {
  const startedAt = Date.now();
  for (;;) {
    await Promise.race([sleep(250), server.exited]);
    if (server.exit !== undefined) {
      throw new DevServerStartError(`temporal server start-dev stopped (${server.exit}) before serving at ${o.address}`, o.logFile, await tail(o.logFile, 15));
    }
    if (await isTemporalServing(o.address, o.namespace)) return;
    if (Date.now() - startedAt > o.timeoutMs) {
      await server.stop(o.graceMs);
      throw new DevServerStartError(
        `temporal server start-dev did not serve at ${o.address} within ${o.timeoutMs / 1000} s`,
        o.logFile,
        await tail(o.logFile, 15),
      );
    }
  }
}

async function tail(file: string, lines: number): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
