import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Runtime } from '@temporalio/worker';
import { isExecutableFile } from './executable-file.js';

/** Which server the SDK should fetch: the `temporal` CLI (dev server) or the time-skipping test server. */
export type SdkServerKind = 'dev-server' | 'time-skipping';

type NativeServerConfig = Parameters<Runtime['createEphemeralServer']>[0];

const SDK_NAME = 'sdk-typescript';
const SDK_VERSION = (createRequire(import.meta.url)('@temporalio/worker/package.json') as { version: string }).version;

// File names sdk-core gives its cached downloads: `<prefix>-<sdk name>-<sdk version>`.
const DOWNLOADED_NAME_PREFIX: Record<SdkServerKind, string> = {
  'dev-server': 'temporal',
  'time-skipping': 'temporal-test-server',
};

/**
 * Fetches a server executable the way `TestWorkflowEnvironment.createLocal/createTimeSkipping` do
 * (`executable: { type: 'cached-download', downloadDir }`) and returns its path, so callers can
 * treat it like any other executable. Throws the SDK's error when the download fails.
 *
 * The SDK only downloads as part of starting an ephemeral server, so this starts one and stops it
 * at once; the file stays in `downloadDir`. Needs https://temporal.download to be reachable.
 */
export async function downloadWithTemporalSdk(kind: SdkServerKind, downloadDir: string): Promise<string> {
  const target = path.join(downloadDir, `${DOWNLOADED_NAME_PREFIX[kind]}-${SDK_NAME}-${SDK_VERSION}`);
  if (await isExecutableFile(target)) return target;
  await mkdir(downloadDir, { recursive: true });

  // Uses the caller's runtime if one is installed. Once the server is gone the runtime shuts down
  // as idle: a later `Runtime.install(...)` still works, and a later `Runtime.instance()` re-creates
  // it with the options it had.
  const runtime = Runtime.instance();
  let startError: unknown;
  try {
    const server = await runtime.createEphemeralServer(nativeConfig(kind, downloadDir));
    await runtime.shutdownEphemeralServer(server);
  } catch (error) {
    startError = error;
  }
  // The SDK allows only 5 s for startup; a slow machine can miss that after a good download.
  if (await isExecutableFile(target)) return target;
  throw startError ?? new Error(`the SDK reported success but left no executable at ${target}`);
}

function nativeConfig(kind: SdkServerKind, downloadDir: string): NativeServerConfig {
  const exe = {
    type: 'cached-download',
    downloadDir,
    version: 'default',
    ttl: 365 * 24 * 60 * 60 * 1000,
    sdkName: SDK_NAME,
    sdkVersion: SDK_VERSION,
  } as const;
  if (kind === 'time-skipping') return { type: 'time-skipping', exe, port: null, extraArgs: [] };
  return {
    type: 'dev-server',
    exe,
    ip: '127.0.0.1',
    port: null,
    ui: false,
    uiPort: null,
    namespace: 'default',
    dbFilename: null,
    log: { format: 'pretty', level: 'error' },
    extraArgs: [],
  };
}
