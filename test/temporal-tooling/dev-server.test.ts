import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { SearchAttributeType, TypedSearchAttributes, defineSearchAttributeKey } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveTemporalCli } from '../../server/temporal/binaries.js';
import {
  DevServerInUseError,
  TemporalAlreadyRunningError,
  startTemporalDevServer,
  type DevServerOptions,
  type TemporalDevServer,
} from '../../server/temporal/dev-server.js';
import { writeDevServerPidFile } from '../../server/temporal/dev-server-pid-file.js';
import { liveProcess } from '../../server/temporal/live-process.js';
import { searchAttributeSdkKeys } from '../../server/temporal/search-attributes.js';
import { isPortTaken, isTemporalServing } from '../../server/temporal/temporal-probe.js';
import { eventually } from '../support/eventually.js';
import { freePorts } from './free-ports.js';

const RUNNER = fileURLToPath(new URL('./fixtures/dev-server-runner.ts', import.meta.url));

let root: string;
let cliPath: string;
const started: TemporalDevServer[] = [];
/** Server processes a test may leave behind when it fails half-way (an orphan, a foreign server). */
const serverPids: number[] = [];
const runners: ChildProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'uplink-dev-server-'));
  cliPath = await resolveTemporalCli({ sdkDownload: false, pipInstall: false });
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
  for (const runner of runners.splice(0)) if (runner.exitCode === null && runner.signalCode === null) runner.kill('SIGKILL');
  for (const pid of serverPids.splice(0)) if ((await liveProcess(pid))?.argv[0] === cliPath) process.kill(pid, 'SIGKILL');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function start(options: Pick<DevServerOptions, 'dataDir' | 'port' | 'uiPort' | 'cliPath' | 'log' | 'restartPolicy'>): Promise<TemporalDevServer> {
  const server = await startTemporalDevServer({ cliPath, ...options });
  started.push(server);
  return server;
}

/** The dev server started by a process of its own, which the test may kill. */
async function startInRunner(dataDir: string, port: number, uiPort: number) {
  const runner = spawn(process.execPath, ['--import', 'tsx', RUNNER, dataDir, String(port), String(uiPort), cliPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runners.push(runner);
  let output = '';
  runner.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  runner.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(runner, 'exit');
  const serverPid = await eventually(
    async () => {
      expect(runner.exitCode, output).toBeNull();
      const ready = /^ready (\d+)$/m.exec(output);
      expect(ready, output).not.toBeNull();
      return Number(ready?.[1]);
    },
    { timeoutMs: 90_000, what: 'the runner to start its dev server' },
  );
  serverPids.push(serverPid);
  return { runner, serverPid, exited };
}

async function withClient<T>(address: string, use: (client: Client, connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(new Client({ connection }), connection);
  } finally {
    await connection.close();
  }
}

const customerId = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
const expectedCustomAttributes = Object.fromEntries(
  searchAttributeSdkKeys().map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)]),
);

describe('startTemporalDevServer', () => {
  it('registers our search attributes and keeps workflows when restarted on the same database', async () => {
    const dataDir = path.join(root, 'persisted');
    const [port, uiPort, otherUiPort] = (await freePorts(3)) as [number, number, number];
    const workflowId = 'customer/persisted-across-restarts';

    const first = await start({ dataDir, port, uiPort });
    expect(first.address).toBe(`127.0.0.1:${port}`);
    expect(first.uiUrl).toBe(`http://127.0.0.1:${uiPort}`);
    expect((await fetch(first.uiUrl)).status).toBe(200);
    await withClient(first.address, async (client, connection) => {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(customAttributes).toEqual(expectedCustomAttributes);
      // No worker polls this queue: the execution just stays Running.
      await client.workflow.start('customerAccount', {
        taskQueue: 'nobody-polls-this',
        workflowId,
        typedSearchAttributes: new TypedSearchAttributes([{ key: customerId, value: 'c-persisted' }]),
      });
    });
    await expect(start({ dataDir: path.join(root, 'other'), port, uiPort: otherUiPort })).rejects.toBeInstanceOf(
      TemporalAlreadyRunningError,
    );
    await first.stop();
    expect(await isPortTaken('127.0.0.1', port)).toBe(false);

    // Same database, same --search-attribute flags again: must start, and still know the workflow.
    const second = await start({ dataDir, port, uiPort });
    await withClient(second.address, async (client, connection) => {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(customAttributes).toEqual(expectedCustomAttributes);
      const description = await client.workflow.getHandle(workflowId).describe();
      expect(description.status.name).toBe('RUNNING');
      expect(await listedIds(client, `CustomerId = 'c-persisted'`)).toEqual([workflowId]);
    });
  });

  it('adds search attributes that an existing database lacks (the CLI flags only count on creation)', async () => {
    const dataDir = path.join(root, 'older-list');
    await createDatabaseWith(dataDir, ['--search-attribute', 'CustomerId=Keyword']);
    const [port, uiPort] = (await freePorts(2)) as [number, number];
    const progress: string[] = [];

    const server = await start({ dataDir, port, uiPort, log: (line) => progress.push(line) });

    await withClient(server.address, async (_client, connection) => {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(customAttributes).toEqual(expectedCustomAttributes);
    });
    expect(progress.join('\n')).toContain('registered search attribute(s) AccountStatus, DunningStage, BillingDay, BillingBlocked');
  });

  it('refuses a database where one of our search attributes has another type, and stops the server', async () => {
    const dataDir = path.join(root, 'other-type');
    await createDatabaseWith(dataDir, ['--search-attribute', 'BillingDay=Keyword']);
    const [port, uiPort] = (await freePorts(2)) as [number, number];

    await expect(start({ dataDir, port, uiPort })).rejects.toThrow(/BillingDay exist on the server with another type than BillingDay=Int/);
    expect(await isPortTaken('127.0.0.1', port)).toBe(false);
  });

  it('says so when the port belongs to a program that is not Temporal', async () => {
    const [uiPort] = (await freePorts(1)) as [number];
    const connections = new Set<Socket>();
    const squatter = createServer((socket) => {
      connections.add(socket);
      socket.on('error', () => {}); // the gRPC probe resets the connection when it gives up
      socket.end('not grpc\n');
    });
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as { port: number };
    try {
      await expect(start({ dataDir: path.join(root, 'squatted'), port, uiPort })).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is in use by a program that is not a Temporal server.`,
      );
    } finally {
      for (const socket of connections) socket.destroy();
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('reports the end of its log when the server exits during startup', async () => {
    const [port, uiPort] = (await freePorts(2)) as [number, number];
    const failing = path.join(root, 'failing-temporal');
    await writeFile(failing, '#!/bin/sh\necho "Error: pretend the database is corrupt" >&2\nexit 1\n');
    await chmod(failing, 0o755);

    await expect(start({ dataDir: path.join(root, 'failing'), port, uiPort, cliPath: failing })).rejects.toThrow(
      /stopped \(exit code 1\) before serving[\s\S]*pretend the database is corrupt/,
    );
  });
});

describe('a dev server left running by a start that was killed', () => {
  it('is replaced by the next start on the same data folder, which keeps its workflows', async () => {
    const dataDir = path.join(root, 'orphaned');
    const [port, uiPort] = (await freePorts(2)) as [number, number];
    const address = `127.0.0.1:${port}`;
    const workflowId = 'customer/outlives-its-start';
    const killed = await startInRunner(dataDir, port, uiPort);
    await withClient(address, (client) => client.workflow.start('customerAccount', { taskQueue: 'nobody-polls-this', workflowId }));

    killed.runner.kill('SIGKILL');
    await killed.exited;
    // What the next start finds: the orphan still holds the port.
    expect(await isTemporalServing(address)).toBe(true);

    const progress: string[] = [];
    const next = await start({ dataDir, port, uiPort, log: (line) => progress.push(line) });

    expect(progress).toContain(`Temporal dev server: stopping the one an earlier start left running (pid ${killed.serverPid})`);
    expect(next.pid).not.toBe(killed.serverPid);
    expect(await liveProcess(killed.serverPid)).toBeUndefined();
    await withClient(next.address, async (client) => {
      expect((await client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');
    });
  });

  it('is refused, naming the other start, while that start still runs', async () => {
    const dataDir = path.join(root, 'in-use');
    const [port, uiPort] = (await freePorts(2)) as [number, number];
    const running = await startInRunner(dataDir, port, uiPort);

    const refusal = start({ dataDir, port, uiPort });

    await expect(refusal).rejects.toBeInstanceOf(DevServerInUseError);
    await expect(refusal).rejects.toThrow(`belongs to another running start (pid ${running.runner.pid})`);
    expect(await isTemporalServing(`127.0.0.1:${port}`)).toBe(true);
    running.runner.kill('SIGTERM');
    await running.exited;
    expect(await isPortTaken('127.0.0.1', port)).toBe(false);
  });

  it('is not confused with a foreign Temporal server on the port, even one whose pid the pid file names', async () => {
    const dataDir = path.join(root, 'foreign');
    const [port, uiPort] = (await freePorts(2)) as [number, number];
    const foreign = await startBareServer(path.join(root, 'foreign-database.sqlite'), port);
    try {
      // As if the pid our earlier server had was reused by this one.
      await mkdir(dataDir, { recursive: true });
      const dbFile = path.join(dataDir, 'temporal.sqlite');
      await writeDevServerPidFile(dataDir, { pid: foreign.pid ?? -1, ownerPid: 999_999, cliPath, dbFile, port, uiPort });

      await expect(start({ dataDir, port, uiPort })).rejects.toThrow(
        `A Temporal server is already running at 127.0.0.1:${port}. Stop it, start ours on another port, or use the running one (set TEMPORAL_ADDRESS=127.0.0.1:${port}).`,
      );
      expect(foreign.exitCode).toBeNull();
      expect(await isTemporalServing(`127.0.0.1:${port}`)).toBe(true);
    } finally {
      foreign.kill('SIGTERM');
      await once(foreign, 'exit');
    }
  });
});

describe('a dev server that stops while in use', () => {
  it('is restarted on the same database, and a client connected before carries on', async () => {
    const dataDir = path.join(root, 'supervised');
    const [port, uiPort] = (await freePorts(2)) as [number, number];
    const progress: string[] = [];
    const server = await start({ dataDir, port, uiPort, log: (line) => progress.push(line) });
    const firstPid = server.pid;
    const workflowId = 'customer/survives-a-server-crash';

    await withClient(server.address, async (client, connection) => {
      await client.workflow.start('customerAccount', { taskQueue: 'nobody-polls-this', workflowId });
      process.kill(firstPid, 'SIGKILL');

      // Each call bounded, so none is left retrying when the test ends.
      const status = await eventually(
        () => connection.withDeadline(Date.now() + 5_000, async () => (await client.workflow.getHandle(workflowId).describe()).status.name),
        { timeoutMs: 90_000, what: 'the restarted server to answer' },
      );
      expect(status).toBe('RUNNING');
    });
    expect(server.pid).not.toBe(firstPid);
    const said = progress.join('\n');
    expect(said.match(/stopped unexpectedly/g)).toEqual(['stopped unexpectedly']);
    expect(said).toContain(`Temporal dev server stopped unexpectedly (signal SIGKILL) at 127.0.0.1:${port}; restarting it on the same database`);
    expect(said.match(/restarted at/g)).toEqual(['restarted at']);
    expect(said).toContain(`Temporal dev server: restarted at 127.0.0.1:${port} (pid ${server.pid})`);
  });

  it('is given up on when it keeps stopping, saying so', async () => {
    const dataDir = path.join(root, 'keeps-stopping');
    const [port, uiPort] = (await freePorts(2)) as [number, number];
    // The real CLI the first time, a server that fails at once after that.
    const breaksAfterOneRun = path.join(root, 'temporal-breaks-after-one-run');
    const ranOnce = path.join(root, 'ran-once');
    await writeFile(
      breaksAfterOneRun,
      `#!/bin/sh\nif [ -e '${ranOnce}' ]; then echo "Error: pretend the disk is full" >&2; exit 1; fi\ntouch '${ranOnce}'\nexec '${cliPath}' "$@"\n`,
    );
    await chmod(breaksAfterOneRun, 0o755);
    const progress: string[] = [];
    const server = await start({
      dataDir,
      port,
      uiPort,
      cliPath: breaksAfterOneRun,
      log: (line) => progress.push(line),
      restartPolicy: { maxRestarts: 2, windowMs: 60_000, firstDelayMs: 100, maxDelayMs: 200 },
    });

    process.kill(server.pid, 'SIGKILL');

    const failure = await server.failed;
    expect(failure.message).toBe(
      `The Temporal dev server at 127.0.0.1:${port} keeps stopping (2 restarts within 60 s); not restarting it again. ` +
        `See ${path.join(dataDir, 'temporal-server.log')}.`,
    );
    const failedAttempt = `temporal server start-dev stopped (exit code 1) before serving at 127.0.0.1:${port}; its log ends: Error: pretend the disk is full`;
    expect(progress.filter((line) => line.includes('restart failed'))).toEqual([
      `Temporal dev server: restart failed (${failedAttempt}); trying again in 0.2 s`,
      `Temporal dev server: restart failed (${failedAttempt})`,
    ]);
  });
});

/** The bare CLI serving `dbFile` on `port`: a Temporal server that is not ours. */
async function startBareServer(dbFile: string, port: number): Promise<ChildProcess> {
  const cli = spawn(cliPath, ['server', 'start-dev', '--db-filename', dbFile, '--ip', '127.0.0.1', '--port', String(port), '--headless', '--log-level', 'error'], {
    stdio: 'ignore',
  });
  if (cli.pid !== undefined) serverPids.push(cli.pid);
  await eventually(async () => expect(await isTemporalServing(`127.0.0.1:${port}`, 'default')).toBe(true), {
    timeoutMs: 60_000,
    what: 'the bare temporal CLI to serve',
  });
  return cli;
}

/** A database as an older SEARCH_ATTRIBUTES list would have left it: the bare CLI with other flags. */
async function createDatabaseWith(dataDir: string, searchAttributeFlags: string[]): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const [port] = (await freePorts(1)) as [number];
  const args = ['server', 'start-dev', '--db-filename', path.join(dataDir, 'temporal.sqlite'), '--ip', '127.0.0.1'];
  const cli = spawn(cliPath, [...args, '--port', String(port), '--headless', '--log-level', 'error', ...searchAttributeFlags], {
    stdio: 'ignore',
  });
  try {
    const deadline = Date.now() + 30_000;
    while (!(await isTemporalServing(`127.0.0.1:${port}`, 'default'))) {
      if (Date.now() > deadline) throw new Error('the bare temporal CLI did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    cli.kill('SIGTERM');
    await once(cli, 'exit');
  }
}

/** Visibility is written asynchronously, so poll briefly. */
async function listedIds(client: Client, query: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ids: string[] = [];
    for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
    if (ids.length > 0 || Date.now() > deadline) return ids;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
