import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { SearchAttributeType, TypedSearchAttributes, defineSearchAttributeKey } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveTemporalCli } from '../../server/temporal/binaries.js';
import { TemporalAlreadyRunningError, startTemporalDevServer, type TemporalDevServer } from '../../server/temporal/dev-server.js';
import { searchAttributeSdkKeys } from '../../server/temporal/search-attributes.js';
import { isPortTaken, isTemporalServing } from '../../server/temporal/temporal-probe.js';
import { freePorts } from './free-ports.js';

let root: string;
let cliPath: string;
const started: TemporalDevServer[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'uplink-dev-server-'));
  cliPath = await resolveTemporalCli({ sdkDownload: false, pipInstall: false });
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function start(options: {
  dataDir: string;
  port: number;
  uiPort: number;
  cliPath?: string;
  log?: (line: string) => void;
}): Promise<TemporalDevServer> {
  const server = await startTemporalDevServer({ cliPath, ...options });
  started.push(server);
  return server;
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
    expect(progress.join('\n')).toContain('registered search attribute(s) AccountStatus, DunningStage, BillingDay');
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
