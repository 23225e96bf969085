import type { Database } from '../db/client.js';
import type { MailDeps } from '../emails/mail-deps.js';
import type { PaymentGateway } from '../payments/gateway.js';

/** Everything activities touch from the outside world, injected so tests pass real or fake parts. */
export interface ActivityDeps extends MailDeps {
  db: Database;
  /** Where alerts for staff go, e.g. an account whose billing is blocked (UPLINK_STAFF_ALERT_EMAIL). */
  staffAlertEmail: string;
  /** The card gateway; absent in a worker started without one: autopay charges wait for it. */
  gateway?: PaymentGateway;
  /** The company's time zone: business dates (due, overdue, received) are its days. */
  timeZone: string;
}
