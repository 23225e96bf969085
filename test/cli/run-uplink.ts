// Runs the real `uplink` command as a child process, the way a script or a person would, from a
// folder outside the project (the launcher must not depend on the working directory).
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const UPLINK = fileURLToPath(new URL('../../bin/uplink.mjs', import.meta.url));

export interface UplinkRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface UplinkOptions {
  env: Record<string, string | undefined>;
  /** Written to the command's stdin, which is then closed. */
  stdin?: string;
}

export function runUplink(args: string[], options: UplinkOptions): Promise<UplinkRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [UPLINK, ...args], {
      cwd: tmpdir(),
      // Only what is given: the test runner's own DATABASE_URL or TEMPORAL_* must not leak in.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: process.env.NODE_ENV, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The JSON document a successful `--json` run printed; the stderr is in the message if it failed. */
export function jsonOf<T = Record<string, unknown>>(run: UplinkRun): T {
  if (run.code !== 0) throw new Error(`uplink exited with ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
