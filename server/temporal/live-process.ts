import { readFile } from 'node:fs/promises';

/** What the process table says about a running process. */
export interface LiveProcess {
  /** Its command line as it was started: argv[0] is the executable as the parent named it. */
  argv: string[];
  parentPid: number;
}

/**
 * Reads /proc/<pid> (Linux). Undefined when no such process runs: gone, a zombie (exited but not
 * yet reaped by whoever adopted it), or a system without /proc, where we cannot tell and so must
 * not act on the process.
 */
export async function liveProcess(pid: number): Promise<LiveProcess | undefined> {
  if (!Number.isSafeInteger(pid) || pid <= 1) return undefined;
  try {
    const [cmdline, stat] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8'), readFile(`/proc/${pid}/stat`, 'utf8')]);
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    const [state, parentPid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' || state === 'X' || cmdline === '') return undefined;
    return { argv: cmdline.replace(/\0$/, '').split('\0'), parentPid: Number(parentPid) };
  } catch {
    return undefined;
  }
}
