import { spawn } from 'node:child_process';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { resolveTemporalCli } from './binaries.js';
import { registerMissingSearchAttributes } from './register-search-attributes.js';
import { searchAttributeCliArgs } from './search-attributes.js';
import { isPortTaken, isTemporalServing } from './temporal-probe.js';

export { SEARCH_ATTRIBUTES } from './search-attributes.js';

// Loopback only: the dev server has no auth, and the address we hand out must be the one it binds.
const HOST = '127.0.0.1';

export interface DevServerOptions {
  /** Folder for the SQLite database (temporal.sqlite) and the server's log (temporal-server.log). */
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
}

export interface TemporalDevServer {
  /** gRPC address for clients and workers, e.g. 127.0.0.1:7233. */
  address: string;
  uiUrl: string;
  namespace: string;
  dbFile: string;
  logFile: string;
  pid: number;
  /** SIGTERM, wait for exit, SIGKILL after the grace period. Safe to call more than once. */
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
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<TemporalDevServer> {
  const { dataDir, port = 7233, uiPort = 8233, namespace = 'default', log = () => {} } = options;
  const { startupTimeoutMs = 60_000, stopGraceMs = 10_000 } = options;
  const address = `${HOST}:${port}`;

  await refuseTakenPorts(address, port, uiPort);
  const cliPath = options.cliPath ?? (await resolveTemporalCli({ log }));
  await mkdir(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, 'temporal.sqlite');
  const logFile = path.join(dataDir, 'temporal-server.log');
  const args = devServerArgs({ dbFile, port, uiPort, namespace });

  const logHandle = await open(logFile, 'a');
  await logHandle.write(`\n--- ${new Date().toISOString()} ${cliPath} ${args.join(' ')}\n`);
  const child = spawn(cliPath, args, { stdio: ['ignore', logHandle.fd, logHandle.fd] });
  // Listen before anything awaits: a server that fails at once can exit while we wait, and an
  // 'exit' event with no listener yet is lost for good.
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ? `signal ${signal}` : `exit code ${code}`;
      resolve();
    });
    child.once('error', (error) => {
      exit = `spawn error: ${error.message}`;
      resolve();
    });
  });
  await logHandle.close(); // the child holds its own copy
  // If our process ends without stop(), don't leave an orphan holding the port and the database.
  const terminateOnExit = () => child.kill('SIGTERM');
  process.once('exit', terminateOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off('exit', terminateOnExit);
      if (exit !== undefined) return;
      child.kill('SIGTERM');
      const timer = sleep(stopGraceMs, 'timeout', { ref: false });
      if ((await Promise.race([exited, timer])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    })());

  log(`Temporal dev server: starting ${cliPath} (log: ${logFile})`);
  const startedAt = Date.now();
  for (;;) {
    await sleep(250);
    if (exit !== undefined) {
      throw new Error(
        `temporal server start-dev stopped (${exit}) before serving at ${address}. ` +
          `End of ${logFile}:\n${await tail(logFile, 15)}`,
      );
    }
    if (await isTemporalServing(address, namespace)) break;
    if (Date.now() - startedAt > startupTimeoutMs) {
      await stop();
      throw new Error(
        `temporal server start-dev did not serve at ${address} within ${startupTimeoutMs / 1000} s. ` +
          `End of ${logFile}:\n${await tail(logFile, 15)}`,
      );
    }
  }
  try {
    const added = await withConnection(address, (connection) => registerMissingSearchAttributes(connection, namespace));
    if (added.length > 0) log(`Temporal dev server: registered search attribute(s) ${added.join(', ')} on the existing database`);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`Temporal dev server: ${address} ready after ${Date.now() - startedAt} ms, Web UI ${`http://${HOST}:${uiPort}`}`);

  return { address, uiUrl: `http://${HOST}:${uiPort}`, namespace, dbFile, logFile, pid: child.pid ?? -1, stop };
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

async function tail(file: string, lines: number): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
