import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH ?? join(process.cwd(), '.tools/venv/bin/temporal-test-server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  const K = temporal.api.enums.v1.IndexedValueType;
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: { CustomerId: K.INDEXED_VALUE_TYPE_KEYWORD, AccountStatus: K.INDEXED_VALUE_TYPE_KEYWORD, BillingDay: K.INDEXED_VALUE_TYPE_INT, DunningStage: K.INDEXED_VALUE_TYPE_KEYWORD },
  });
  return env;
}
