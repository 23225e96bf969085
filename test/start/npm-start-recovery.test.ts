// The start command recovers from a Temporal dev server that dies, without a person: killed while
// in use, it is restarted and the worker and the portal carry on; left running by a start that was
// itself killed outright (SIGKILL), it is replaced by the next start, which keeps the workflows. A
// port held by another program is still refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDevServerPidFile } from '../../server/temporal/dev-server-pid-file.js';
import { liveProcess } from '../../server/temporal/live-process.js';
import { isPortTaken, isTemporalServing } from '../../server/temporal/temporal-probe.js';
import { statusQuery } from '../../workflows/messages.js';
import { eventually } from '../support/eventually.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePorts } from '../temporal-tooling/free-ports.js';

interface RunningStart {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

let database: TestDatabase;
const dataDirs: string[] = [];
const starts: RunningStart[] = [];
const serverPids: number[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  for (const start of starts) if (start.child.exitCode === null && start.child.signalCode === null) start.child.kill('SIGKILL');
  await Promise.all(starts.map((start) => start.exited));
  // A failed test may leave a dev server behind: its start was SIGKILLed.
  for (const pid of serverPids) if ((await liveProcess(pid))?.argv.includes('start-dev')) process.kill(pid, 'SIGKILL');
  await database?.dispose();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'uplink-start-recovery-'));
  dataDirs.push(dir);
  return dir;
}

function startUplink(o: { dataDir: string; temporalPort: number; temporalUiPort: number; port: number }): RunningStart {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      UPLINK_DATA_DIR: o.dataDir,
      TEMPORAL_PORT: String(o.temporalPort),
      TEMPORAL_UI_PORT: String(o.temporalUiPort),
      PORT: String(o.port),
      // Any free port: other test files start the stand-in too.
      UPLINK_GATEWAY_STAND_IN_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const start = { child, output: () => output, exited: once(child, 'exit').then(([code]) => code as number | null) };
  starts.push(start);
  return start;
}

/**
 * Ports the OS called free can be taken by another test process before npm start binds them
 * (EADDRINUSE): then start again on fresh ones, a few times.
 */
async function startOnFreePorts(dataDir: string) {
  for (let attempt = 1; ; attempt += 1) {
    const [temporalPort, temporalUiPort, port] = (await freePorts(3)) as [number, number, number];
    const ports = { temporalPort, temporalUiPort, port };
    const start = startUplink({ dataDir, ...ports });
    try {
      await untilRunning(start);
      return { start, ports };
    } catch (error) {
      if (attempt >= 3 || !start.output().includes('EADDRINUSE')) throw error;
      await start.exited;
    }
  }
}

async function untilRunning(start: RunningStart): Promise<void> {
  await eventually(
    async () => {
      expect(start.child.exitCode, start.output()).toBeNull();
      expect(start.output()).toContain('Press Ctrl-C to stop.');
    },
    { timeoutMs: 120_000, what: 'npm start to be ready' },
  );
}

async function devServerPid(dataDir: string): Promise<number> {
  const record = await readDevServerPidFile(join(dataDir, 'temporal'));
  if (!record) throw new Error(`no pid file in ${dataDir}/temporal`);
  serverPids.push(record.pid);
  return record.pid;
}

async function withClient<T>(address: string, use: (client: Client, connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(new Client({ connection }), connection);
  } finally {
    await connection.close();
  }
}

/** Every execution the server knows (continued-as-new runs included), as workflowId/runId. */
async function executions(client: Client): Promise<string[]> {
  const found: string[] = [];
  for await (const execution of client.workflow.list()) found.push(`${execution.workflowId}/${execution.runId}`);
  return found.sort();
}

const countOf = (text: string, line: string) => text.split('\n').filter((each) => each.includes(line)).length;

describe('npm start when its Temporal dev server dies', () => {
  let dataDir: string;
  let ports: { temporalPort: number; temporalUiPort: number; port: number };
  let address: string;
  let first: RunningStart;

  beforeAll(async () => {
    dataDir = newDataDir();
    ({ start: first, ports } = await startOnFreePorts(dataDir));
    address = `127.0.0.1:${ports.temporalPort}`;
  }, 180_000);

  it('restarts it, and the worker answers queries and /healthz says ok again, logging the outage once', async () => {
    const healthz = `http://127.0.0.1:${ports.port}/healthz`;
    expect((await fetch(healthz)).status).toBe(200);
    const killedPid = await devServerPid(dataDir);

    process.kill(killedPid, 'SIGKILL');

    // A monitor polling while it is down: several failing calls, then ok.
    const statuses: number[] = [];
    await eventually(
      async () => {
        statuses.push((await fetch(healthz)).status);
        expect(statuses).toContain(503);
        expect(statuses.at(-1)).toBe(200);
      },
      { timeoutMs: 120_000, what: '/healthz to fail, then say ok again' },
    );
    const output = first.output();
    expect(countOf(output, 'Temporal dev server stopped unexpectedly (signal SIGKILL)')).toBe(1);
    expect(countOf(output, 'Temporal dev server: restarted at')).toBe(1);
    expect(countOf(output, 'healthz: temporal is down')).toBe(1);
    expect(countOf(output, 'healthz: temporal answers again')).toBe(1);
    expect(output).not.toMatch(/^\s+at /m); // no stack trace
    expect(await devServerPid(dataDir)).not.toBe(killedPid);

    // A query is answered by the worker: it found the restarted server on its own.
    await withClient(address, async (client, connection) => {
      const ids = (await executions(client)).map((execution) => execution.slice(0, execution.lastIndexOf('/')));
      const accountId = ids.find((id) => id.startsWith('customer/'));
      expect(accountId).toBeDefined();
      const status = await eventually(
        () => connection.withDeadline(Date.now() + 10_000, () => client.workflow.getHandle(accountId ?? '').query(statusQuery)),
        { timeoutMs: 60_000, what: 'the worker to answer a query' },
      );
      expect(status).toBeDefined();
    });
  });

  it('leaves it running when killed outright; the next start replaces it and keeps the workflows', async () => {
    const known = await withClient(address, (client) => executions(client));
    expect(known.length).toBeGreaterThanOrEqual(4);
    const orphanPid = await devServerPid(dataDir);

    first.child.kill('SIGKILL');
    await first.exited;
    expect(await isTemporalServing(address)).toBe(true);

    const next = startUplink({ dataDir, ...ports });
    await untilRunning(next);

    expect(next.output()).toContain(`Temporal dev server: stopping the one an earlier start left running (pid ${orphanPid})`);
    expect(next.output()).toContain('4 account workflow(s) running');
    expect(next.output()).not.toContain('demo data seeded');
    expect(await liveProcess(orphanPid)).toBeUndefined();
    const now = await withClient(address, (client) => executions(client));
    expect(now).toEqual(expect.arrayContaining(known));

    next.child.kill('SIGINT');
    expect(await next.exited).toBe(0);
    expect(await isPortTaken('127.0.0.1', ports.temporalPort)).toBe(false);
    expect(await readDevServerPidFile(join(dataDir, 'temporal'))).toBeUndefined();
  });
});

describe('npm start when another program holds the Temporal port', () => {
  it('refuses to start, naming the port', async () => {
    const connections = new Set<Socket>();
    const squatter = createServer((socket) => {
      connections.add(socket);
      socket.on('error', () => {}); // the gRPC probe resets the connection when it gives up
      socket.end('not grpc\n');
    });
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port: temporalPort } = squatter.address() as { port: number };
    const [temporalUiPort, port] = (await freePorts(2)) as [number, number];
    try {
      const refused = startUplink({ dataDir: newDataDir(), temporalPort, temporalUiPort, port });
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain(`Port ${temporalPort} on 127.0.0.1 is in use by a program that is not a Temporal server.`);
    } finally {
      for (const socket of connections) socket.destroy();
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 120_000);
});
