import type { Database } from '../db/client.js';
import type { MailDeps } from '../emails/mail-deps.js';

/** Everything activities touch from the outside world, injected so tests pass real or fake parts. */
export interface ActivityDeps extends MailDeps {
  db: Database;
  /** Where alerts for staff go, e.g. an account whose billing is blocked (UPLINK_STAFF_ALERT_EMAIL). */
  staffAlertEmail: string;
}
