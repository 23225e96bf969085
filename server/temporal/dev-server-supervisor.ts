import { DevServerStartError, type DevServerProcess } from './dev-server-process.js';
import { RestartBudget, type RestartPolicy } from './restart-budget.js';

export interface DevServerSupervision {
  /** The server process now running (or last run). */
  current(): DevServerProcess;
  /** Resolves if the server stopped on its own and the restart policy's bound was reached. */
  failed: Promise<Error>;
  /** Lets the server end without restarting it (our process is shutting down, and a Ctrl-C reaches it too). */
  stopRestarting(): void;
  /** Stops restarting, then stops the server. Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Restarts the dev server whenever it ends without being asked to (killed, crashed), on the same
 * address and database file, so the worker's and the clients' connections find it again on their
 * own. Says so once per change (down, each failed attempt, back up), never per failing call.
 */
export function superviseDevServer(o: {
  first: DevServerProcess;
  /** Spawns a server (throws if it cannot, e.g. when the port was taken meanwhile). */
  spawn: () => Promise<DevServerProcess>;
  /** Resolves once a spawned server serves; throws, having stopped it, if it does not. */
  ready: (server: DevServerProcess) => Promise<void>;
  policy: RestartPolicy;
  graceMs: number;
  address: string;
  logFile: string;
  log: (line: string) => void;
}): DevServerSupervision {
  const budget = new RestartBudget(o.policy);
  let current = o.first;
  let stopping = false;
  let wake: () => void = () => {};
  const stopRequested = new Promise<void>((resolve) => (wake = resolve));
  let resolveFailed: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (resolveFailed = resolve));
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

  /** Waits `delay` unless stopping meanwhile; true if still supervising. */
  async function pause(delay: number): Promise<boolean> {
    await Promise.race([new Promise((resolve) => setTimeout(resolve, delay).unref()), stopRequested]);
    return !stopping;
  }

  /** Restarts until one serves; false when stopped or out of budget. */
  async function restart(reason: string): Promise<boolean> {
    let delay = budget.next(Date.now());
    // Said after the first wait, not at the exit: a Ctrl-C in the terminal reaches the server and
    // us at once, and we may learn of its exit before our own shutdown has told us to let it go.
    if (!(await pause(delay ?? o.policy.firstDelayMs))) return false;
    o.log(`Temporal dev server stopped unexpectedly (${reason}) at ${o.address}; restarting it on the same database (log: ${o.logFile})`);
    for (;;) {
      if (delay === undefined) {
        resolveFailed(
          new Error(
            `The Temporal dev server at ${o.address} keeps stopping (${o.policy.maxRestarts} restarts within ` +
              `${seconds(o.policy.windowMs)}); not restarting it again. See ${o.logFile}.`,
          ),
        );
        return false;
      }
      try {
        current = await o.spawn();
        if (stopping) return false; // stop() came while spawning: it stops `current` once we return
        await o.ready(current);
        return true;
      } catch (error) {
        if (stopping) return false;
        delay = budget.next(Date.now());
        const failure = error instanceof DevServerStartError ? error.oneLine : error instanceof Error ? error.message : String(error);
        o.log(`Temporal dev server: restart failed (${failure})${delay === undefined ? '' : `; trying again in ${seconds(delay)}`}`);
        if (delay !== undefined && !(await pause(delay))) return false;
      }
    }
  }

  const supervising = (async () => {
    for (;;) {
      const reason = await current.exited;
      if (stopping) return;
      const downAt = Date.now();
      if (!(await restart(reason))) return;
      o.log(`Temporal dev server: restarted at ${o.address} (pid ${current.pid}), ${seconds(Date.now() - downAt)} after it stopped`);
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    current: () => current,
    failed,
    stopRestarting: () => {
      stopping = true;
      wake();
    },
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        wake();
        await current.stop(o.graceMs);
        await supervising;
        await current.stop(o.graceMs); // one spawned while we were stopping the one before
      })()),
  };
}
