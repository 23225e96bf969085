import type { ActivityDeps } from '../../activities/index.js';
import type { Database } from '../../db/client.js';
import { createOutboxTransport } from '../../emails/outbox-transport.js';
import type { EmailTransport } from '../../emails/transport.js';

/** The activities' dependencies as tests use them: a real database, email kept in the outbox. */
export function testActivityDeps(db: Database, email: EmailTransport = createOutboxTransport()): ActivityDeps {
  return { db, email, emailFrom: 'Uplink Test <billing@uplink.test>', companyName: 'Test ISP', portalUrl: 'http://127.0.0.1:3000' };
}
