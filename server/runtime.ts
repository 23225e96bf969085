// Builds the long-lived parts a process needs from the configuration: the database (migrated),
// the email transport and the activity dependencies. Shared by `npm start` and the worker entry.
import { createHmac } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createEmailTransport } from '../emails/create-transport.js';
import type { ActivityDeps } from '../activities/index.js';
import { redactUrl, type AppConfig } from './config.js';
import { resolveSessionSecret } from './portal/session-secret.js';

export async function openMigratedDatabase(config: AppConfig): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(handle);
  return handle;
}

export function describeDatabase(handle: DatabaseHandle): string {
  return handle.kind === 'postgres' ? `PostgreSQL at ${redactUrl(handle.url)}` : `PGlite (embedded) in ${handle.directory}`;
}

export function activityDeps(config: AppConfig, handle: DatabaseHandle): ActivityDeps {
  return {
    db: handle.db,
    email: createEmailTransport({ resendApiKey: config.email.resendApiKey, resendBaseUrl: config.email.resendBaseUrl }),
    emailFrom: config.email.from,
    staffAlertEmail: config.email.staffAlerts,
    companyName: config.companyName,
    portalUrl: config.portalUrl,
    replyAddresses: { domain: config.inbound.domain, secret: replyAddressSecret(config) },
    timeZone: config.portal.timeZone,
  };
}

/**
 * The key that signs reply addresses. Derived from the session secret unless given, so a
 * single-machine install needs no extra setting; workers and portals on several machines share
 * it through SESSION_SECRET or UPLINK_REPLY_SECRET.
 */
export function replyAddressSecret(config: AppConfig): string {
  if (config.inbound.replySecret) return config.inbound.replySecret;
  const sessionSecret = resolveSessionSecret(config.portal.sessionSecret, config.dataDir);
  return createHmac('sha256', sessionSecret).update('uplink reply addresses').digest('base64url');
}
