// The customer pays everything open at once: one attempt for the whole balance, holding the
// invoices it pays against autopay (and any other attempt) until it is settled.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { money } from '../../../billing/money.js';
import { isCardUsable } from '../../../billing/payments/cards.js';
import { attemptKeys } from '../../../billing/payments/payment-attempts.js';
import { defaultCard } from '../../../db/records/cards.js';
import { openInvoicesOf } from '../../../db/records/invoice-balances.js';
import { ensureAttempt, holdInvoices } from '../../../db/records/payment-attempts.js';
import { customers } from '../../../db/schema.js';
import { ConflictError } from '../errors.js';
import { businessToday, type CardPaymentDeps } from './card-payment-deps.js';
import { chargeAttempt } from './charge-attempt.js';
import { chargeInvoice, type InvoiceChargeResult } from './charge-invoice.js';

export const PAYMENT_UNDER_WAY = 'A payment for these invoices is already under way; wait for it to finish before paying again.';

export async function payBalance(deps: CardPaymentDeps, customerId: string, returnUrl: string): Promise<InvoiceChargeResult> {
  const { db } = deps;
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new Error(`customer ${customerId} not found`);
  const open = await openInvoicesOf(db, customerId, customer.currency);
  if (open.length === 0) return { outcome: 'nothing-open' };
  // One invoice: its own attempt, the one autopay confirms too.
  if (open.length === 1) return chargeInvoice(deps, open[0]!.invoiceId, { offSession: false, returnUrl });

  const card = await defaultCard(db, customerId);
  if (!card || !customer.gatewayCustomerId) return { outcome: 'no-card' };
  if (!isCardUsable(card, businessToday(deps))) return { outcome: 'card-expired', brand: card.brand, last4: card.last4 };
  const totalMinor = open.reduce((sum, invoice) => sum + invoice.openMinor, 0n);
  // The same open invoices and amounts make the same attempt: a double click pays once.
  const fingerprint = createHash('sha256')
    .update(open.map((invoice) => `${invoice.invoiceId}=${invoice.openMinor}`).join(','))
    .digest('hex')
    .slice(0, 24);
  const attempt = await db.transaction(async (tx) => {
    const made = await ensureAttempt(tx, {
      attemptKey: attemptKeys.forBalance(`${customerId}:${fingerprint}`),
      customerId,
      invoiceId: null,
      gateway: deps.gateway.provider,
      amount: money(totalMinor, customer.currency),
    });
    if (made.status === 'succeeded') return made;
    const held = await holdInvoices(tx, made.id, open.map((invoice) => ({ invoiceId: invoice.invoiceId, amountMinor: invoice.openMinor })));
    if (!held) throw new ConflictError(PAYMENT_UNDER_WAY);
    return made;
  });
  if (attempt.status === 'succeeded' && attempt.paymentId) return { outcome: 'paid', attemptId: attempt.id, paymentId: attempt.paymentId };
  const description = `Balance of ${open.length} invoices`;
  return chargeAttempt(deps, { attempt, card, gatewayCustomerId: customer.gatewayCustomerId, description, presence: { offSession: false, returnUrl } });
}
