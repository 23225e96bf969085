// Replays event histories recorded from real runs of our workflows against the current
// workflow code: a change that would break running workflows (non-determinism) fails here.
import { readFile, readdir } from 'node:fs/promises';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflowBundle } from '../support/workflow-harness.js';

const HISTORIES = new URL('./histories/', import.meta.url);
const files = (await readdir(HISTORIES)).filter((name) => name.endsWith('.json')).sort();
let bundle: Awaited<ReturnType<typeof workflowBundle>>;

beforeAll(async () => {
  bundle = await workflowBundle();
});

describe('recorded workflow histories', () => {
  it('has recordings to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('replays %s deterministically', async (file) => {
    const history = historyFromJSON(JSON.parse(await readFile(new URL(file, HISTORIES), 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history)).resolves.toBeUndefined();
  });
});
