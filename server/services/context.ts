import type { Client } from '@temporalio/client';
import type { MailDeps } from '../../emails/mail-deps.js';
import type { Database } from '../../db/client.js';
import type { PaymentGateway } from '../../payments/gateway.js';
import type { InboundSenderAuthenticationSettings } from './inbound/inbound-sender-authentication.js';

/** What every service needs: the database and a Temporal client. The CLI, API and portal share it. */
export interface ServiceContext {
  db: Database;
  temporal: Client;
  /**
   * For the few messages sent straight from a request rather than by a workflow (sign-in links,
   * answers to inbound mail). Absent in the CLI, which sends nothing itself.
   */
  mail?: MailDeps;
  /** The card gateway; absent where no process runs one (the CLI): card actions are then refused. */
  gateway?: PaymentGateway;
  /**
   * Which inbound replies may change an account (UPLINK_INBOUND_AUTHSERV_ID and
   * UPLINK_INBOUND_TRUST_UNAUTHENTICATED). Absent: no reply is authenticated, so none acts.
   */
  inboundSenderAuthentication?: InboundSenderAuthenticationSettings;
}
