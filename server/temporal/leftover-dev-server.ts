import { setTimeout as sleep } from 'node:timers/promises';
import { readDevServerPidFile, type DevServerPidRecord } from './dev-server-pid-file.js';
import { liveProcess, type LiveProcess } from './live-process.js';

/** Another start that is still running supervises the dev server of this data folder. */
export class DevServerInUseError extends Error {
  override readonly name = 'DevServerInUseError';
  constructor(dataDir: string, record: DevServerPidRecord) {
    super(
      `The Temporal dev server of ${dataDir} (pid ${record.pid}, port ${record.port}) belongs to another ` +
        `running start (pid ${record.ownerPid}). Stop that one first, or give this one another UPLINK_DATA_DIR.`,
    );
  }
}

/**
 * Stops the dev server that an earlier start on this data folder left running when it was killed
 * without a chance to stop it (SIGKILL, out of memory): such a server holds our ports and our
 * database file, and the next start would refuse the port as taken.
 *
 * We stop it and start our own rather than adopt it: it is not our child, so its death would reach
 * us by polling only, not as an exit event to supervise; and it runs with the flags of the start
 * that spawned it (ports, namespace, CLI version), which may not be this start's. A restart costs a
 * few seconds and loses nothing: everything is in the database file.
 *
 * Only a process that the data folder's pid file names AND whose command line is our CLI serving
 * our database file counts: a recycled pid or a server on another database is never touched.
 */
export async function stopLeftoverDevServer(options: {
  dataDir: string;
  dbFile: string;
  graceMs: number;
  log: (line: string) => void;
}): Promise<void> {
  const { dataDir, dbFile, graceMs, log } = options;
  const record = await readDevServerPidFile(dataDir);
  if (!record) return;
  const isOurs = (process: LiveProcess | undefined) => process !== undefined && servesDatabase(process.argv, record.cliPath, dbFile);
  const found = await liveProcess(record.pid);
  if (!isOurs(found)) return;
  // Its spawner is alive exactly while it is still its parent (an orphan is adopted by another).
  if (found?.parentPid === record.ownerPid) throw new DevServerInUseError(dataDir, record);

  log(`Temporal dev server: stopping the one an earlier start left running (pid ${record.pid})`);
  const gone = async (withinMs: number) => {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      if (!isOurs(await liveProcess(record.pid))) return true;
      await sleep(100);
    }
    return false;
  };
  signal(record.pid, 'SIGTERM');
  if (await gone(graceMs)) return;
  signal(record.pid, 'SIGKILL');
  if (await gone(5_000)) return;
  throw new Error(`The Temporal dev server an earlier start left running (pid ${record.pid}) did not stop; stop it and start again.`);
}

function servesDatabase(argv: string[], cliPath: string, dbFile: string): boolean {
  const dbFlag = argv.indexOf('--db-filename');
  return argv[0] === cliPath && argv[1] === 'server' && argv[2] === 'start-dev' && dbFlag > 0 && argv[dbFlag + 1] === dbFile;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone between our look and the signal.
  }
}
