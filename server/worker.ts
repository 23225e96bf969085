// The billing worker: runs the workflows and activities of the `billing` task queue. Any number
// of them may run against one Temporal and one Postgres.
import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { classifyActivityFailures } from '../activities/failure-classification.js';
import type { BillingActivities } from '../activities/index.js';
import { TASK_QUEUE } from '../workflows/messages.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface BillingWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** Built with createActivities(deps); tests may wrap some of them. */
  activities: BillingActivities;
  /** A prebuilt bundle (tests bundle once per run); otherwise the workflows are bundled here. */
  workflowBundle?: WorkflowBundleOption;
  /** Workflows kept in memory between tasks (the SDK's default when unset). */
  maxCachedWorkflows?: number;
}

export function createBillingWorker(options: BillingWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: options.activities,
    // A failure the data causes is not retried; see activities/failure-classification.ts.
    interceptors: { activity: [classifyActivityFailures] },
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
  });
}
