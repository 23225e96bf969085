// A request that dies (SIGKILL, no clean-up) the moment its first transaction commits: after the
// change and its hand-off are stored, before anything could be delivered to Temporal. Runs
// `subscribeCustomer` for CUSTOMER_ID on PLAN_ID against DATABASE_URL; hand-off tests run it as a
// child process and check that the relay still gets the news to the workflow, once.
import { Client, Connection } from '@temporalio/client';
import { openDatabase } from '../../db/client.js';
import { subscribeCustomer } from '../../server/services/subscriptions/subscriptions.js';

const { DATABASE_URL: databaseUrl, CUSTOMER_ID: customerId, PLAN_ID: planId, START_DATE: startDate } = process.env;
if (!databaseUrl || !customerId || !planId || !startDate) throw new Error('dying-after-commit needs DATABASE_URL, CUSTOMER_ID, PLAN_ID and START_DATE');

const database = await openDatabase({ databaseUrl, dataDir: '' });
const commit = database.db.transaction.bind(database.db);
database.db.transaction = (async (...args: Parameters<typeof commit>) => {
  const result = await commit(...args);
  process.kill(process.pid, 'SIGKILL');
  return result;
}) as typeof database.db.transaction;

// Never reached: the process dies before the first delivery attempt.
const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
await subscribeCustomer({ db: database.db, temporal }, customerId, { planId, startDate });
throw new Error('the request was meant to die after its commit');
