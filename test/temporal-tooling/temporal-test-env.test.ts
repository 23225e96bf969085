import { fileURLToPath } from 'node:url';
import { SearchAttributeType, TypedSearchAttributes, defineSearchAttributeKey } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { createLocalEnv, createTimeSkippingEnv } from '../support/temporal-test-env.js';

const WORKFLOWS_PATH = fileURLToPath(new URL('./fixtures/search-attribute-workflow.ts', import.meta.url));
const customerId = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);

describe('createTimeSkippingEnv', () => {
  it('accepts our search attributes from the client and from upserts in the workflow', async () => {
    const env = await createTimeSkippingEnv();
    try {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue: 'temporal-tooling',
        workflowsPath: WORKFLOWS_PATH,
      });
      const handle = await env.client.workflow.start('upsertAccountSearchAttributes', {
        taskQueue: 'temporal-tooling',
        workflowId: 'customer/c-time-skipping',
        typedSearchAttributes: new TypedSearchAttributes([{ key: customerId, value: 'c-time-skipping' }]),
      });
      const seenInWorkflow = await worker.runUntil(handle.result());

      const expected = { CustomerId: 'c-time-skipping', AccountStatus: 'suspended', DunningStage: 'final-notice', BillingDay: 28 };
      expect(seenInWorkflow).toEqual(expected);
      const described = (await handle.describe()).typedSearchAttributes.getAll();
      expect(Object.fromEntries(described.map(({ key, value }) => [key.name, value]))).toEqual(expected);
      // The address a worker in another process would use.
      expect(env.address).toMatch(/^127\.0\.0\.1:\d+$/);
    } finally {
      await env.teardown();
    }
  });
});

describe('createLocalEnv', () => {
  it('runs a dev server with our search attributes, searchable through visibility', async () => {
    const env = await createLocalEnv();
    try {
      await env.client.workflow.start('nobodyRunsThis', {
        taskQueue: 'nobody-polls-this',
        workflowId: 'customer/c-local',
        typedSearchAttributes: new TypedSearchAttributes([{ key: customerId, value: 'c-local' }]),
      });
      let ids: string[] = [];
      for (const deadline = Date.now() + 10_000; ids.length === 0 && Date.now() < deadline; ) {
        ids = [];
        for await (const execution of env.client.workflow.list({ query: `CustomerId = 'c-local'` })) ids.push(execution.workflowId);
      }
      expect(ids).toEqual(['customer/c-local']);
    } finally {
      await env.teardown();
    }
  });
});
