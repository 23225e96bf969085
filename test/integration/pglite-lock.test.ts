// The embedded database belongs to one process at a time: a second opener is refused with who
// holds it, a lock left by a dead process is taken over, and closing gives the lock back.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { DatabaseInUseError, lockDataDirectory } from '../../db/pglite-lock.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'uplink-lock-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

const lockFile = () => join(directory, 'uplink.lock');

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 0;
}

describe('the embedded database lock', () => {
  it('refuses a folder another live process holds, naming it', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      await writeFile(lockFile(), String(holder.pid));
      expect(() => lockDataDirectory(directory)).toThrow(DatabaseInUseError);
      expect(() => lockDataDirectory(directory)).toThrow(`the embedded database in ${directory} is in use by process ${holder.pid}`);
      expect(await readFile(lockFile(), 'utf8')).toBe(String(holder.pid));
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a process that died, and removes it on release', async () => {
    await writeFile(lockFile(), String(await deadPid()));
    const release = lockDataDirectory(directory);
    expect(await readFile(lockFile(), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('holds the PGlite folder for as long as openDatabase’s handle is open', async () => {
    const handle = await openDatabase({ dataDir: directory });
    try {
      await expect(openDatabase({ dataDir: directory })).rejects.toThrow(`is in use by process ${process.pid}`);
    } finally {
      await handle.close();
    }
    expect(existsSync(join(directory, 'pglite', 'uplink.lock'))).toBe(false);
  });
});
