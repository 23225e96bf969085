// A billing worker process that dies (SIGKILL, no clean-up) the moment it is asked to email an
// invoice: after the invoice is stored and booked, before its email exists. The crash test runs it
// as a child process against the test's Temporal server and database.
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import { openDatabase } from '../../db/client.js';
import { createBillingWorker } from '../../server/worker.js';
import { testActivityDeps } from './test-activity-deps.js';

const address = process.env.TEMPORAL_ADDRESS;
const databaseUrl = process.env.DATABASE_URL;
if (!address || !databaseUrl) throw new Error('crashing worker needs TEMPORAL_ADDRESS and DATABASE_URL');

const database = await openDatabase({ databaseUrl, dataDir: '' });
const real = createActivities(testActivityDeps(database.db));
const connection = await NativeConnection.connect({ address });
const worker = await createBillingWorker({
  connection,
  namespace: 'default',
  activities: {
    ...real,
    async emailInvoice() {
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
      throw new Error('unreachable');
    },
  },
});
console.log('crashing worker ready');
await worker.run();
