// The start command as the README gives it, in a child process: it must bring up the portal with
// a working sign-in for the configured first staff account, the demo data billed by the worker,
// a healthy /healthz, and stop cleanly on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '../../db/schema.js';
import { eventually } from '../support/eventually.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePorts } from '../temporal-tooling/free-ports.js';

const ADMIN = { email: 'owner@isp.test', password: 'a long first password' };

let database: TestDatabase;
let dataDir: string;
let child: ChildProcess;
let output = '';
let exited: Promise<number | null>;
let portalUrl: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'uplink-start-'));
  const [temporalPort, temporalUiPort, port] = await freePorts(3);
  portalUrl = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      UPLINK_DATA_DIR: dataDir,
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(temporalUiPort),
      PORT: String(port),
      // Any free port: other test files start the stand-in too.
      UPLINK_GATEWAY_STAND_IN_PORT: '0',
      UPLINK_ADMIN_EMAIL: ADMIN.email,
      UPLINK_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(async () => expect(output).toContain('Press Ctrl-C to stop.'), { timeoutMs: 90_000, what: 'npm start to be ready' });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await exited;
  await database?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the start command', () => {
  it('says where everything runs, with the configured first staff account', () => {
    expect(output).toContain(`Staff pages      ${portalUrl}/staff (first staff account ${ADMIN.email} created from UPLINK_ADMIN_EMAIL)`);
    expect(output).toContain(`REST API         ${portalUrl}/api/v1`);
    expect(output).toContain('4 account workflow(s) running, demo data seeded on this first start');
    expect(output).not.toContain(ADMIN.password);
  });

  it('serves a healthy portal where the configured staff member signs in and sees the demo customers billed', async () => {
    const health = await fetch(`${portalUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', checks: { database: 'ok', temporal: 'ok' } });

    const browser = new StaffBrowser(portalUrl);
    await browser.signIn(ADMIN);
    const customers = await (await browser.get('/staff/customers')).text();
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Hopper &amp; Sons Ltd', 'Linus Networks']) expect(customers).toContain(name);
    // The demo customers were back-dated months: their missed periods get invoiced at once.
    await eventually(async () => expect((await database.handle.db.select().from(invoices)).length).toBeGreaterThanOrEqual(10));
  });

  it('stops everything on Ctrl-C and exits cleanly', async () => {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Uplink stopped.');
  });
});
