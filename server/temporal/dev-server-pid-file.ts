import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * What a start records about the dev server it spawned, so that a later start on the same data
 * folder can recognise that server if this one dies without stopping it.
 */
const devServerPidRecord = z.object({
  /** The `temporal` process. Never 0 or 1: a signal to those would reach far more than one server. */
  pid: z.number().int().min(2),
  /** The process that spawned it and supervises it (the `npm start` process). */
  ownerPid: z.number().int().min(2),
  /** argv[0] of the server, exactly as spawned. */
  cliPath: z.string().min(1),
  dbFile: z.string().min(1),
  port: z.number().int(),
  uiPort: z.number().int(),
});

export type DevServerPidRecord = z.infer<typeof devServerPidRecord>;

export function devServerPidFile(dataDir: string): string {
  return path.join(dataDir, 'temporal-server.pid');
}

export async function writeDevServerPidFile(dataDir: string, record: DevServerPidRecord): Promise<void> {
  // Written whole then renamed, so a start killed mid-write never leaves half a record.
  const file = devServerPidFile(dataDir);
  await writeFile(`${file}.tmp`, `${JSON.stringify(record)}\n`);
  await rename(`${file}.tmp`, file);
}

/** The record, or undefined when there is none or it is unreadable (then nothing can be recognised). */
export async function readDevServerPidFile(dataDir: string): Promise<DevServerPidRecord | undefined> {
  try {
    const parsed = devServerPidRecord.safeParse(JSON.parse(await readFile(devServerPidFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the record if it still names `pid` (a restarted server may have replaced it). */
export async function removeDevServerPidFile(dataDir: string, pid: number): Promise<void> {
  if ((await readDevServerPidFile(dataDir))?.pid === pid) await rm(devServerPidFile(dataDir), { force: true });
}
