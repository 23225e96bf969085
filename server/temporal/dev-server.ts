import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { resolveTemporalCli } from './binaries.js';
import { removeDevServerPidFile, writeDevServerPidFile } from './dev-server-pid-file.js';
import { spawnDevServerProcess, waitUntilServing, type DevServerProcess } from './dev-server-process.js';
import { superviseDevServer } from './dev-server-supervisor.js';
import { stopLeftoverDevServer } from './leftover-dev-server.js';
import { registerMissingSearchAttributes } from './register-search-attributes.js';
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-budget.js';
import { searchAttributeCliArgs } from './search-attributes.js';
import { isPortTaken, isTemporalServing } from './temporal-probe.js';

export { SEARCH_ATTRIBUTES } from './search-attributes.js';
export { DevServerInUseError } from './leftover-dev-server.js';

// Loopback only: the dev server has no auth, and the address we hand out must be the one it binds.
const HOST = '127.0.0.1';

export interface DevServerOptions {
  /** Folder for the SQLite database (temporal.sqlite), the server's log (temporal-server.log) and its pid file. */
  dataDir: string;
  /** Frontend gRPC port. Default 7233. */
  port?: number;
  /** Web UI port. Default 8233. */
  uiPort?: number;
  /** Namespace to create besides `default` (which always exists). Default 'default'. */
  namespace?: string;
  /** Our own progress lines (the server's output goes to the log file). Default: silent. */
  log?: (line: string) => void;
  /** The `temporal` executable; resolved with `resolveTemporalCli` when omitted. */
  cliPath?: string;
  /** How long to wait for the frontend to serve. Default 60 s: a cold start on 2 busy cores can be slow. */
  startupTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. Default 10 s. */
  stopGraceMs?: number;
  /** How a server that stops on its own is restarted. Default: 5 restarts within 10 minutes, from 1 s apart doubling. */
  restartPolicy?: RestartPolicy;
}

export interface TemporalDevServer {
  /** gRPC address for clients and workers, e.g. 127.0.0.1:7233. */
  address: string;
  uiUrl: string;
  namespace: string;
  dbFile: string;
  logFile: string;
  /** The server process now running; another one after a restart. */
  readonly pid: number;
  /** Resolves if the server stopped on its own and could not be restarted within the restart policy. */
  failed: Promise<Error>;
  /**
   * Lets the server end without restarting it. Call it as soon as our process begins to shut down:
   * the server shares our process group, so a Ctrl-C in the terminal stops it too.
   */
  stopRestarting(): void;
  /** Stops restarting it, then SIGTERM, wait for exit, SIGKILL after the grace period. Safe to call more than once. */
  stop(): Promise<void>;
}

/** The port already serves Temporal: callers may want to connect to it instead of starting another. */
export class TemporalAlreadyRunningError extends Error {
  override readonly name = 'TemporalAlreadyRunningError';
  constructor(readonly address: string) {
    super(
      `A Temporal server is already running at ${address}. Stop it, start ours on another port, ` +
        `or use the running one (set TEMPORAL_ADDRESS=${address}).`,
    );
  }
}

/**
 * Starts `temporal server start-dev` persisted to `<dataDir>/temporal.sqlite`, with the Web UI and
 * our search attributes, and resolves once it serves gRPC. Workflows survive a stop/start with the
 * same dataDir. The CLI registers --search-attribute flags only when it creates the database, so
 * on an existing one we add what is missing ourselves (and refuse a changed type).
 *
 * A server that an earlier start on this dataDir left running (it was killed without stopping
 * it) is recognised by the pid file and replaced; any other program on the port is refused. While
 * it runs, a server that stops on its own is restarted on the same database.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<TemporalDevServer> {
  const { dataDir, port = 7233, uiPort = 8233, namespace = 'default', log = () => {} } = options;
  const { startupTimeoutMs = 60_000, stopGraceMs = 10_000, restartPolicy = DEFAULT_RESTART_POLICY } = options;
  const address = `${HOST}:${port}`;
  // Absolute: the pid file check compares it with the server's command line.
  const dbFile = path.resolve(dataDir, 'temporal.sqlite');
  const logFile = path.resolve(dataDir, 'temporal-server.log');

  await stopLeftoverDevServer({ dataDir, dbFile, graceMs: stopGraceMs, log });
  await refuseTakenPorts(address, port, uiPort);
  const cliPath = options.cliPath ?? (await resolveTemporalCli({ log }));
  await mkdir(dataDir, { recursive: true });
  const args = devServerArgs({ dbFile, port, uiPort, namespace });
  const spawnServer = async (): Promise<DevServerProcess> => {
    const server = await spawnDevServerProcess(cliPath, args, logFile);
    // Recorded before it serves: if we are killed during its startup, the next start knows it too.
    const { pid } = server;
    if (pid !== undefined) {
      await writeDevServerPidFile(dataDir, { pid, ownerPid: process.pid, cliPath, dbFile, port, uiPort }).catch(async (error: unknown) => {
        await server.stop(stopGraceMs); // a server nobody could recognise later must not outlive us
        throw error;
      });
    }
    return server;
  };
  const ready = (server: DevServerProcess) => waitUntilServing(server, { address, namespace, timeoutMs: startupTimeoutMs, graceMs: stopGraceMs, logFile });

  log(`Temporal dev server: starting ${cliPath} (log: ${logFile})`);
  const startedAt = Date.now();
  const first = await spawnServer();
  let current = () => first;
  // If our process ends without stop(), don't leave an orphan holding the port and the database.
  const terminateOnExit = () => current().terminate();
  process.once('exit', terminateOnExit);
  const forget = async (server: DevServerProcess) => {
    if (server.pid !== undefined) await removeDevServerPidFile(dataDir, server.pid);
  };
  try {
    await ready(first);
    const added = await withConnection(address, (connection) => registerMissingSearchAttributes(connection, namespace));
    if (added.length > 0) log(`Temporal dev server: registered search attribute(s) ${added.join(', ')} on the existing database`);
  } catch (error) {
    process.off('exit', terminateOnExit);
    await first.stop(stopGraceMs);
    await forget(first);
    throw error;
  }
  log(`Temporal dev server: ${address} ready after ${Date.now() - startedAt} ms, Web UI ${`http://${HOST}:${uiPort}`}`);

  const supervision = superviseDevServer({
    first,
    // Before each restart, so that a program that took the port meanwhile is named as such.
    spawn: async () => {
      await refuseTakenPorts(address, port, uiPort);
      return await spawnServer();
    },
    ready,
    policy: restartPolicy,
    graceMs: stopGraceMs,
    address,
    logFile,
    log,
  });
  current = supervision.current;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off('exit', terminateOnExit);
      await supervision.stop();
      await forget(supervision.current());
    })());

  return {
    address,
    uiUrl: `http://${HOST}:${uiPort}`,
    namespace,
    dbFile,
    logFile,
    get pid() {
      return supervision.current().pid ?? -1;
    },
    failed: supervision.failed,
    stopRestarting: () => supervision.stopRestarting(),
    stop,
  };
}

function devServerArgs(o: { dbFile: string; port: number; uiPort: number; namespace: string }): string[] {
  return [
    'server',
    'start-dev',
    '--db-filename',
    o.dbFile,
    '--ip',
    HOST,
    '--port',
    String(o.port),
    '--ui-port',
    String(o.uiPort),
    '--namespace',
    o.namespace,
    ...searchAttributeCliArgs(),
    // WAL lets readers (Web UI, visibility queries) work while the single writer commits;
    // NORMAL skips an fsync per commit, fine for a dev database.
    '--sqlite-pragma',
    'journal_mode=WAL',
    '--sqlite-pragma',
    'synchronous=NORMAL',
    '--log-level',
    'warn',
  ];
}

/** Fail with a message that says who holds the port, before the CLI fails less clearly. */
async function refuseTakenPorts(address: string, port: number, uiPort: number): Promise<void> {
  if (await isPortTaken(HOST, port)) {
    if (await isTemporalServing(address)) throw new TemporalAlreadyRunningError(address);
    throw new Error(`Port ${port} on ${HOST} is in use by a program that is not a Temporal server.`);
  }
  if (await isPortTaken(HOST, uiPort)) {
    throw new Error(`Web UI port ${uiPort} on ${HOST} is in use; pass another uiPort.`);
  }
}

async function withConnection<T>(address: string, use: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}
