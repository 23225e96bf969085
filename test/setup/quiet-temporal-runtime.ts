import { DefaultLogger, Runtime } from '@temporalio/worker';

// The SDK logs every worker start and stop at INFO; in a test run that buries the results.
// Warnings and errors still show (an activity failing on purpose in a retry test is a warning).
// Each test file runs in its own process, where the runtime is installed once.
try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
} catch {
  // Already installed in this process by an earlier setup run: keep it.
}
