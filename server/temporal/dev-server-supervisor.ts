import type { DevServerProcess } from './dev-server-process.js';
import { RestartBudget, type RestartPolicy } from './restart-budget.js';

export interface DevServerSupervision {
  /** The server process now running (or last run). */
  current(): DevServerProcess;
  /** Resolves if the server stopped on its own and the restart policy's bound was reached. */
  failed: Promise<Error>;
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

  /** Restarts until one serves; false when stopped or out of budget. */
  async function restart(delay: number | undefined): Promise<boolean> {
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
      await Promise.race([new Promise((resolve) => setTimeout(resolve, delay).unref()), stopRequested]);
      if (stopping) return false;
      try {
        current = await o.spawn();
        if (stopping) return false; // stop() came while spawning: it stops `current` once we return
        await o.ready(current);
        return true;
      } catch (error) {
        if (stopping) return false;
        delay = budget.next(Date.now());
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        o.log(`Temporal dev server: restart failed (${reason})${delay === undefined ? '' : `; trying again in ${seconds(delay)}`}`);
      }
    }
  }

  const supervising = (async () => {
    for (;;) {
      const reason = await current.exited;
      if (stopping) return;
      const downAt = Date.now();
      const delay = budget.next(downAt);
      o.log(
        `Temporal dev server stopped unexpectedly (${reason}) at ${o.address}` +
          (delay === undefined ? '' : `; restarting it in ${seconds(delay)} on the same database (log: ${o.logFile})`),
      );
      if (!(await restart(delay))) return;
      o.log(`Temporal dev server: restarted at ${o.address} (pid ${current.pid}), ${seconds(Date.now() - downAt)} after it stopped`);
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    current: () => current,
    failed,
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
