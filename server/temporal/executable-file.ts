import type { Environment } from '../environment.js';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

/** True when `file` is a regular file this process may execute. */
export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `command -v name`: the first executable `name` in the PATH of `env`, or undefined. */
export async function findOnPath(name: string, env: Environment = process.env): Promise<string | undefined> {
  for (const dir of pathDirectories(env)) {
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

export function pathDirectories(env: Environment = process.env): string[] {
  return (env['PATH'] ?? '').split(path.delimiter).filter((dir) => dir !== '');
}
