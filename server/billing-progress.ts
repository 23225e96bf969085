// While accounts catch up on missed periods (a first start with back-dated demo customers, a
// restart after downtime), print how many invoices and emails exist so far, when that changes.
import { count } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { emailMessages, invoices } from '../db/schema.js';

export function reportBillingProgress(db: Database, log: (line: string) => void, everyMs = 2000): () => void {
  let last = '';
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void Promise.all([db.select({ n: count() }).from(invoices), db.select({ n: count() }).from(emailMessages)])
      .then(([[issued], [emails]]) => {
        const line = `Billing: ${issued?.n ?? 0} invoices issued, ${emails?.n ?? 0} emails recorded`;
        if (line !== last) log(line);
        last = line;
      })
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
