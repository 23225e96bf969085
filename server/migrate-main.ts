// `npm run db:migrate`: applies the committed migrations to the configured database and exits.
import { loadConfig } from './config.js';
import { describeDatabase, openMigratedDatabase } from './runtime.js';

const config = loadConfig();
const handle = await openMigratedDatabase(config);
console.log(`Migrations applied to ${describeDatabase(handle)}`);
await handle.close();
