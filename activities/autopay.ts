// Autopay: the account workflow charges the saved card for what is open on an invoice once it is
// posted (and again when the customer saves a card or turns autopay on). The gateway's answer,
// whatever it is, is written down by the card-payments service; a decline reaches the workflow as
// a hand-off, which emails it.
import { and, desc, eq, like } from 'drizzle-orm';
import { toWire, type MoneyWire } from '../billing/money.js';
import { businessDateAt } from '../billing/payments/business-date.js';
import { isCardUsable } from '../billing/payments/cards.js';
import { isOverdue } from '../billing/payments/payment-status.js';
import { defaultCard } from '../db/records/cards.js';
import { invoiceBalance, openInvoicesOf } from '../db/records/invoice-balances.js';
import { customerBalance } from '../db/records/receivables.js';
import { customers, emailMessages, payments } from '../db/schema.js';
import { chargeInvoice } from '../server/services/card-payments/charge-invoice.js';
import type { ActivityDeps } from './deps.js';
import { emailCardNeeded } from './payment-emails.js';

export interface AutopayResult {
  /** What happened, in the card-payments service's words, or why nothing was tried. */
  outcome: string;
}

export async function autopayInvoice(deps: ActivityDeps, invoiceId: string): Promise<AutopayResult> {
  const balance = await invoiceBalance(deps.db, invoiceId);
  if (!balance || balance.openMinor <= 0n) return { outcome: 'nothing-open' };
  const [customer] = await deps.db.select({ autopay: customers.autopay }).from(customers).where(eq(customers.id, balance.customerId));
  if (!customer?.autopay) return { outcome: 'autopay-off' };
  // A standalone worker started without gateway keys: the charge waits for a worker with them.
  if (!deps.gateway) return { outcome: 'no-gateway' };
  const result = await chargeInvoice({ db: deps.db, gateway: deps.gateway, timeZone: deps.timeZone }, invoiceId, { offSession: true });
  if (result.outcome === 'no-card' || result.outcome === 'card-expired') await emailCardNeeded(deps, balance.customerId, invoiceId);
  return { outcome: result.outcome };
}

/** The money side of an account, for the workflow's status and its next steps. */
export interface AccountMoney {
  balance: MoneyWire;
  autopay: boolean;
  /** Invoices with money open, oldest due first (at most 50: the rest wait for the next look). */
  openInvoiceIds: string[];
  overdueInvoices: number;
  lastPayment: { number: string; receivedOn: string; amount: MoneyWire } | null;
  /** The card autopay charges, and the expiry notices already sent for it. */
  card: { paymentMethodId: string; brand: string; last4: string; expMonth: number; expYear: number; usable: boolean; noticesSent: number[] } | null;
}

export async function accountMoney(deps: ActivityDeps, customerId: string): Promise<AccountMoney> {
  const [customer] = await deps.db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new Error(`customer ${customerId} does not exist`);
  const today = businessDateAt(Date.now(), deps.timeZone);
  const open = await openInvoicesOf(deps.db, customerId, customer.currency);
  const [last] = await deps.db.select().from(payments).where(eq(payments.customerId, customerId)).orderBy(desc(payments.createdAt)).limit(1);
  const card = await defaultCard(deps.db, customerId);
  const notices = card
    ? await deps.db
        .select({ key: emailMessages.idempotencyKey })
        .from(emailMessages)
        .where(and(eq(emailMessages.entityId, card.id), like(emailMessages.idempotencyKey, 'card-expiring/%')))
    : [];
  return {
    balance: toWire(await customerBalance(deps.db, customerId, customer.currency)),
    autopay: customer.autopay,
    openInvoiceIds: open.slice(0, 50).map((invoice) => invoice.invoiceId),
    overdueInvoices: open.filter((invoice) => isOverdue(invoice.dueDate, invoice.openMinor, today)).length,
    lastPayment: last ? { number: last.number, receivedOn: last.receivedOn, amount: toWire({ amountMinor: last.amountMinor, currency: last.currency }) } : null,
    card: card
      ? {
          paymentMethodId: card.id,
          brand: card.brand,
          last4: card.last4,
          expMonth: card.expMonth,
          expYear: card.expYear,
          usable: isCardUsable(card, today),
          noticesSent: notices.map((n) => Number(n.key.split('/').pop())),
        }
      : null,
  };
}
