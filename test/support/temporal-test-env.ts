import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTemporalCli, resolveTemporalTestServer, type ResolveBinaryOptions } from '../../server/temporal/binaries.js';
import { searchAttributeIndexedValueTypes, searchAttributeSdkKeys } from '../../server/temporal/search-attributes.js';

// Tests use what `.ci/run` (or `npx tsx server/temporal/install-main.ts`) installed; they don't
// download or pip-install in the middle of a hook. The error says how to install.
const INSTALLED_ONLY: ResolveBinaryOptions = { sdkDownload: false, pipInstall: false };

/**
 * Time-skipping test environment on the project's test server binary, with our custom search
 * attributes registered: the test server rejects unregistered ones ("search attribute CustomerId
 * is not defined") and has no command-line flag for them, but it does implement
 * OperatorService.AddSearchAttributes (not ListSearchAttributes, nor ListWorkflowExecutions).
 *
 * Worker processes started with child_process connect to `env.address` (127.0.0.1:<port>) with a
 * plain `NativeConnection.connect({ address })`.
 *
 * Crash tests (killing a worker mid-activity) on this server: time does not skip while an activity
 * is started, so its startToClose/heartbeat timeout passes in real time (use a short heartbeatTimeout).
 * And the test server never moves a workflow task off a dead worker's sticky queue, so give the
 * worker you kill `maxCachedWorkflows: 0`, or the workflow hangs after the retry.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = await resolveTemporalTestServer(INSTALLED_ONLY);
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  try {
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: searchAttributeIndexedValueTypes(),
    });
  } catch (error) {
    await env.teardown();
    throw error;
  }
  return env;
}

export interface LocalEnvOptions {
  /** Also serve the Temporal Web UI on this port, for tests that open it in a browser. */
  uiPort?: number;
}

/**
 * A real (non-time-skipping) in-memory dev server with our search attributes, for tests that need
 * what the test server lacks: visibility queries (`client.workflow.list`), real timeouts and task
 * routing. Starts in under a second here (the SDK allows it 5 s); its start-up banner goes to stdout.
 */
export async function createLocalEnv(options: LocalEnvOptions = {}): Promise<TestWorkflowEnvironment> {
  const path = await resolveTemporalCli(INSTALLED_ONLY);
  return await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path },
      searchAttributes: searchAttributeSdkKeys(),
      log: { format: 'pretty', level: 'error' }, // its start-up warnings go straight to our stderr
      ...(options.uiPort === undefined ? {} : { ui: true, uiPort: options.uiPort }),
    },
  });
}
