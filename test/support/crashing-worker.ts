// A billing worker process that dies (SIGKILL, no clean-up) at a chosen point. By default it dies
// the moment it is asked to email an invoice: after the invoice is stored and booked, before its
// email exists. With CRASH_AFTER_ACTIVITY=<activity name> it instead runs that activity to the end
// (its transaction committed) and dies before Temporal hears that it finished. Crash tests run it
// as a child process against the test's Temporal server and database.
import { NativeConnection } from '@temporalio/worker';
import { createActivities, type BillingActivities } from '../../activities/index.js';
import { openDatabase } from '../../db/client.js';
import { createBillingWorker } from '../../server/worker.js';
import { testActivityDeps } from './test-activity-deps.js';

const address = process.env.TEMPORAL_ADDRESS;
const databaseUrl = process.env.DATABASE_URL;
if (!address || !databaseUrl) throw new Error('crashing worker needs TEMPORAL_ADDRESS and DATABASE_URL');
const crashAfter = process.env.CRASH_AFTER_ACTIVITY;

const database = await openDatabase({ databaseUrl, dataDir: '' });
const real = createActivities(testActivityDeps(database.db));
if (crashAfter !== undefined && !(crashAfter in real)) throw new Error(`CRASH_AFTER_ACTIVITY: no activity is named "${crashAfter}"`);

async function die(): Promise<never> {
  process.kill(process.pid, 'SIGKILL');
  await new Promise(() => {});
  throw new Error('unreachable');
}

function dyingAfter(name: string): Partial<BillingActivities> {
  const activity = real[name as keyof BillingActivities] as (...args: unknown[]) => Promise<unknown>;
  return {
    [name]: async (...args: unknown[]) => {
      await activity(...args);
      return die();
    },
  };
}

const connection = await NativeConnection.connect({ address });
const worker = await createBillingWorker({
  connection,
  namespace: 'default',
  activities: {
    ...real,
    ...(crashAfter === undefined ? { emailInvoice: die } : dyingAfter(crashAfter)),
  },
});
console.log('crashing worker ready');
await worker.run();
