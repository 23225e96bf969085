// PGlite runs Postgres inside one process: two processes opening the same data folder would both
// write its files and corrupt it. A lock file created with O_EXCL, holding the owner's pid, keeps
// the folder to one process; a lock left by a process that died is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError';
  constructor(readonly directory: string, readonly pid: number) {
    super(
      `the embedded database in ${directory} is in use by process ${pid} (probably \`npm start\`); stop it, ` +
        'or run Uplink on PostgreSQL with DATABASE_URL so the CLI can share it ' +
        `(if process ${pid} is not Uplink, delete ${join(directory, LOCK_FILE)})`,
    );
  }
}

const LOCK_FILE = 'uplink.lock';

/** Takes the folder's lock for this process; the returned function gives it back. */
export function lockDataDirectory(directory: string): () => void {
  const path = join(directory, LOCK_FILE);
  // Two tries: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return () => {
        if (lockHolder(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(path);
      if (holder !== null && isRunning(holder)) throw new DatabaseInUseError(directory, holder);
      // Stale. Re-read just before removing, so a lock another process took meanwhile survives.
      if (lockHolder(path) === holder) rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}: another process keeps taking it`);
}

function lockHolder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 checks existence without signalling
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
