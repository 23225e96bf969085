// One time-skipping Temporal server, one workflow bundle and one Postgres database per test file;
// a fresh worker per test, running the real activities against the real database.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps, type BillingActivities } from '../../activities/index.js';
import { WORKFLOWS_PATH, createBillingWorker } from '../../server/worker.js';
import type { ServiceContext } from '../../server/services/context.js';
import { startHandoffRelay } from '../../server/services/handoffs/handoff-relay.js';
import { createLocalEnv, createTimeSkippingEnv, type LocalEnvOptions } from './temporal-test-env.js';
import { testActivityDeps } from './test-activity-deps.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface WorkflowHarness {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  ctx: ServiceContext;
  deps: ActivityDeps;
  bundle: WorkflowBundleWithSourceMap;
  /** A worker with the real activities, optionally some of them wrapped (to inject failures). */
  worker(wrap?: (activities: BillingActivities) => Partial<BillingActivities>): Promise<Worker>;
  /**
   * Replaces the Temporal server with a fresh one (the database stays). Call it before each test:
   * workflows a finished test leaves behind have tasks bound to that test's stopped worker, and
   * the time-skipping server never hands those on, so its clock would stop for the next test.
   */
  freshServer(): Promise<void>;
  dispose(): Promise<void>;
}

let bundlePromise: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundling takes about a second: once per test process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundlePromise ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
  return bundlePromise;
}

const quietBundlerLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (message: string) => process.stderr.write(`workflow bundler: ${message}\n`),
  log: () => {},
};

/**
 * `time-skipping` (the default) for tests that move through months of billing; `local`, a real
 * dev server running in real time, for tests about workers dying and timeouts passing.
 */
export async function createWorkflowHarness(
  server: 'time-skipping' | 'local' = 'time-skipping',
  localEnv: LocalEnvOptions = {},
  options: { relay?: boolean } = {},
): Promise<WorkflowHarness> {
  const startServer = server === 'local' ? () => createLocalEnv(localEnv) : createTimeSkippingEnv;
  const [env, database, bundle] = await Promise.all([startServer(), createTestDatabase(), workflowBundle()]);
  const deps = testActivityDeps(database.handle.db);
  const harness: WorkflowHarness = {
    env,
    database,
    ctx: { db: database.handle.db, temporal: env.client, mail: deps },
    deps,
    bundle,
    async freshServer() {
      await harness.env.teardown();
      harness.env = await startServer();
      harness.ctx.temporal = harness.env.client;
    },
    async worker(wrap) {
      const real = createActivities(deps);
      return createBillingWorker({
        connection: harness.env.nativeConnection,
        namespace: harness.env.namespace ?? 'default',
        activities: wrap ? { ...real, ...wrap(real) } : real,
        workflowBundle: bundle,
        // No sticky queues: when a busy machine makes a worker late to poll its sticky queue, a
        // real server hands the task to the shared queue, but the time-skipping server never
        // does, and its clock stops. Uncached, every task replays from history, which also
        // checks determinism on every step.
        maxCachedWorkflows: 0,
      });
    },
    async dispose() {
      await relay?.stop();
      await harness.env.teardown();
      await database.dispose();
    },
  };
  // As in every process that runs a worker: the outbox is delivered all the time. A failure
  // (a test that stops Temporal) is retried quietly; tests look at the outbox itself.
  // Tests of the outbox itself deliver by hand (`relay: false`).
  const relay = options.relay === false ? null : startHandoffRelay(harness.ctx, { idleMs: 100, log: () => {} });
  return harness;
}
