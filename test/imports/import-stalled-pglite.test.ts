// On the embedded database one session holds every lock, so whether an import step still runs is
// known to the process, not to an advisory lock: a step running for minutes is not "stalled", and
// one whose process ended is.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { readingImports } from '../../db/schema.js';
import { claimImport, isStalled, runningStep } from '../../server/services/imports/import-claim.js';
import { createImport } from '../../server/services/imports/import-upload.js';
import { bytesOf, importContext } from './import-fixtures.js';

let dataDir: string;
let handle: DatabaseHandle;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'uplink-import-pglite-'));
  handle = await openDatabase({ dataDir });
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a long import step on PGlite', () => {
  it('is running while this process runs it, however long, and stalled once it is not', async () => {
    const ctx = importContext(handle.db);
    const uploaded = await createImport(ctx, { fileName: 'readings.csv', source: 'pglite', bytes: bytesOf('meter,time,value\nm,2026-04-01T00:00:00Z,1\n') });
    const claimed = await claimImport(ctx, uploaded.id, ['uploaded'], 'validating');
    expect(claimed?.status).toBe('validating');
    // Claimed five minutes ago: long past the time a live request takes to start its step.
    await handle.db.update(readingImports).set({ updatedAt: sql`now() - interval '5 minutes'` }).where(eq(readingImports.id, uploaded.id));
    const current = { ...claimed!, updatedAt: new Date(Date.now() - 5 * 60_000) };

    await runningStep(uploaded.id, async () => {
      expect(await isStalled(ctx, current)).toBe(false);
      expect(await claimImport(ctx, uploaded.id, ['uploaded', 'validated', 'failed'], 'validating')).toBeNull();
    });
    expect(await isStalled(ctx, current)).toBe(true);
    expect((await claimImport(ctx, uploaded.id, ['uploaded', 'validated', 'failed'], 'validating'))?.status).toBe('validating');
  });
});
