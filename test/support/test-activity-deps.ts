import type { ActivityDeps } from '../../activities/index.js';
import type { Database } from '../../db/client.js';
import { createOutboxTransport } from '../../emails/outbox-transport.js';
import type { EmailTransport } from '../../emails/transport.js';
import type { PaymentGateway } from '../../payments/gateway.js';

/** Reply addresses as tests sign them; inbound-mail tests sign (or forge) with the same settings. */
export const TEST_REPLY_ADDRESSES = { domain: 'reply.uplink.test', secret: 'test-reply-secret-that-is-long-enough' };

/** The activities' dependencies as tests use them: a real database, email kept in the outbox, and a card gateway when given. */
export function testActivityDeps(db: Database, email: EmailTransport = createOutboxTransport(), gateway?: PaymentGateway): ActivityDeps {
  return {
    ...(gateway ? { gateway } : {}),
    db,
    email,
    emailFrom: 'Uplink Test <billing@uplink.test>',
    staffAlertEmail: 'staff-alerts@uplink.test',
    companyName: 'Test ISP',
    portalUrl: 'http://127.0.0.1:3000',
    replyAddresses: TEST_REPLY_ADDRESSES,
    timeZone: 'UTC',
  };
}
