// The payment emails the account workflow sends: a receipt per payment, a notice per failed
// confirmation, a card needed, a card about to expire, a refund. Each is keyed by the fact it
// tells, so a retried activity or a fact delivered twice sends it once.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray } from 'drizzle-orm';
import { money } from '../billing/money.js';
import { cardExpiresOn } from '../billing/payments/cards.js';
import { declineSentence } from '../billing/payments/declines.js';
import { daysBetween } from '../billing/calendar.js';
import { businessDateAt } from '../billing/payments/business-date.js';
import { defaultCard } from '../db/records/cards.js';
import { invoiceBalances } from '../db/records/invoice-balances.js';
import { attemptById, heldInvoiceIds } from '../db/records/payment-attempts.js';
import { customerBalance } from '../db/records/receivables.js';
import { sendRecordedEmail, type SentEmail } from '../db/records/recorded-email.js';
import { customers, invoices, paymentAllocations, paymentMethods, payments, refunds } from '../db/schema.js';
import { renderCardExpiringEmail } from '../emails/render-card-expiring-email.js';
import { renderCardNeededEmail } from '../emails/render-card-needed-email.js';
import { renderPaymentFailedEmail } from '../emails/render-payment-failed-email.js';
import { renderPaymentReceiptEmail } from '../emails/render-payment-receipt-email.js';
import { renderRefundIssuedEmail } from '../emails/render-refund-issued-email.js';
import type { PaymentMethodDetails } from '../emails/payment-words.js';
import type { ActivityDeps } from './deps.js';

async function customerOf(deps: ActivityDeps, customerId: string) {
  const [customer] = await deps.db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw ApplicationFailure.nonRetryable(`customer ${customerId} does not exist`, 'NotFound');
  return customer;
}

const link = (deps: ActivityDeps, path: string) => `${deps.portalUrl}${path}`;

function methodDetails(payment: { method: string; cardBrand: string | null; cardLast4: string | null }): PaymentMethodDetails {
  if (payment.method === 'card') return { method: 'card', card: { brand: payment.cardBrand ?? 'card', last4: payment.cardLast4 ?? '0000' } };
  return { method: payment.method as 'bank_transfer' | 'cash' | 'cheque' };
}

export async function emailPaymentReceipt(deps: ActivityDeps, paymentId: string): Promise<SentEmail | null> {
  const [payment] = await deps.db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment) throw ApplicationFailure.nonRetryable(`payment ${paymentId} does not exist`, 'NotFound');
  if (!payment.customerId) return null;
  const customer = await customerOf(deps, payment.customerId);
  return sendRecordedEmail(deps, {
    kind: 'payment-receipt',
    entityType: 'payment',
    entityId: payment.id,
    customerId: customer.id,
    recipient: customer.email,
    idempotencyKey: `payment-receipt/${payment.id}`,
    async render() {
      const applied = await deps.db
        .select({ invoiceNumber: invoices.number, amountMinor: paymentAllocations.amountMinor })
        .from(paymentAllocations)
        .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
        .where(and(eq(paymentAllocations.paymentId, payment.id), eq(paymentAllocations.source, 'payment')));
      const amount = money(payment.amountMinor, payment.currency);
      const appliedMinor = applied.reduce((sum, a) => sum + a.amountMinor, 0n);
      return renderPaymentReceiptEmail({
        companyName: deps.companyName,
        customerName: customer.name,
        paymentReference: payment.number,
        receivedOn: payment.receivedOn,
        amount,
        method: methodDetails(payment),
        appliedTo: applied.map((a) => ({ invoiceNumber: a.invoiceNumber, amount: money(a.amountMinor, payment.currency) })),
        keptAsCredit: payment.needsReview ? null : money(payment.amountMinor - appliedMinor, payment.currency),
        balanceDue: await customerBalance(deps.db, customer.id, payment.currency),
        paymentsUrl: link(deps, '/account/payments'),
        receiptPdfUrl: link(deps, `/account/payments/${payment.id}/receipt.pdf`),
      });
    },
  });
}

/** The notice for one failed confirmation of an attempt (declined, or the bank wants the customer). */
export async function emailPaymentFailed(deps: ActivityDeps, attemptId: string, confirmation: number): Promise<SentEmail | null> {
  const attempt = await attemptById(deps.db, attemptId);
  if (!attempt) throw ApplicationFailure.nonRetryable(`payment attempt ${attemptId} does not exist`, 'NotFound');
  if (attempt.status === 'succeeded') return null;
  const customer = await customerOf(deps, attempt.customerId);
  const card = await defaultCard(deps.db, customer.id);
  return sendRecordedEmail(deps, {
    kind: 'payment-failed',
    entityType: 'payment_attempt',
    entityId: attempt.id,
    customerId: customer.id,
    recipient: customer.email,
    idempotencyKey: `payment-failed/${attempt.id}/${confirmation}`,
    async render() {
      const invoiceIds = attempt.invoiceId ? [attempt.invoiceId] : await heldInvoiceIds(deps.db, attempt.id);
      const owed = await invoiceBalances(deps.db, invoiceIds);
      const payNowUrl = link(deps, '/account/pay');
      const code = attempt.declineCode ?? 'card_declined';
      const decline =
        attempt.status === 'requires_action'
          ? ({ kind: 'authentication_required', confirmUrl: payNowUrl } as const)
          : attempt.declineKind === 'hard'
            ? ({ kind: 'hard', updateCardUrl: link(deps, '/account/card') } as const)
            : ({ kind: 'soft', nextRetryOn: null } as const);
      return renderPaymentFailedEmail({
        companyName: deps.companyName,
        customerName: customer.name,
        invoices: owed.map((invoice) => ({ invoiceNumber: invoice.number, amount: money(invoice.openMinor > 0n ? invoice.openMinor : invoice.totalMinor, invoice.currency) })),
        card: { brand: card?.brand ?? 'card', last4: card?.last4 ?? '0000' },
        reason: declineSentence(code, attempt.declineCode),
        decline,
        payNowUrl,
      });
    },
  });
}

/** Autopay is on and an invoice was posted, but no card can be charged. Once per invoice. */
export async function emailCardNeeded(deps: ActivityDeps, customerId: string, invoiceId: string): Promise<SentEmail> {
  const customer = await customerOf(deps, customerId);
  const card = await defaultCard(deps.db, customerId);
  return sendRecordedEmail(deps, {
    kind: 'card-needed',
    entityType: 'invoice',
    entityId: invoiceId,
    customerId,
    recipient: customer.email,
    idempotencyKey: `card-needed/${invoiceId}`,
    async render() {
      const balance = await customerBalance(deps.db, customerId, customer.currency);
      return renderCardNeededEmail({
        companyName: deps.companyName,
        customerName: customer.name,
        missingCard: card ? { kind: 'expired', card: { brand: card.brand, last4: card.last4 } } : { kind: 'none_saved' },
        openAmount: balance.amountMinor > 0n ? balance : null,
        addCardUrl: link(deps, '/account/card'),
      });
    },
  });
}

/** Tells the customer their card expires in `daysBefore` days; once per card and notice. */
export async function emailCardExpiring(deps: ActivityDeps, paymentMethodId: string, daysBefore: number): Promise<SentEmail | null> {
  const [card] = await deps.db.select().from(paymentMethods).where(eq(paymentMethods.id, paymentMethodId));
  if (!card || card.removedAt || !card.isDefault) return null;
  const customer = await customerOf(deps, card.customerId);
  const today = businessDateAt(Date.now(), deps.timeZone);
  return sendRecordedEmail(deps, {
    kind: 'card-expiring',
    entityType: 'payment_method',
    entityId: card.id,
    customerId: customer.id,
    recipient: customer.email,
    idempotencyKey: `card-expiring/${card.id}/${daysBefore}`,
    render: () =>
      renderCardExpiringEmail({
        companyName: deps.companyName,
        customerName: customer.name,
        card: { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear },
        daysUntilExpiry: Math.max(0, daysBetween(today, cardExpiresOn(card.expMonth, card.expYear))),
        updateCardUrl: link(deps, '/account/card'),
      }),
  });
}

export async function emailRefundIssued(deps: ActivityDeps, refundId: string): Promise<SentEmail> {
  const [row] = await deps.db.select({ refund: refunds, payment: payments }).from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId)).where(eq(refunds.id, refundId));
  if (!row) throw ApplicationFailure.nonRetryable(`refund ${refundId} does not exist`, 'NotFound');
  const { refund, payment } = row;
  const customer = await customerOf(deps, refund.customerId);
  return sendRecordedEmail(deps, {
    kind: 'refund-issued',
    entityType: 'refund',
    entityId: refund.id,
    customerId: customer.id,
    recipient: customer.email,
    idempotencyKey: `refund-issued/${refund.id}`,
    async render() {
      const reversed = await deps.db
        .select({ invoiceId: paymentAllocations.invoiceId })
        .from(paymentAllocations)
        .where(and(eq(paymentAllocations.paymentId, payment.id), inArray(paymentAllocations.source, ['refund', 'dispute'])));
      const reopened = (await invoiceBalances(deps.db, [...new Set(reversed.map((r) => r.invoiceId))])).filter((invoice) => invoice.openMinor > 0n);
      return renderRefundIssuedEmail({
        companyName: deps.companyName,
        customerName: customer.name,
        amount: money(refund.amountMinor, refund.currency),
        refundedOn: refund.refundedOn,
        payment: { reference: payment.number, receivedOn: payment.receivedOn },
        payout: methodDetails(payment),
        reopenedInvoices: reopened.map((invoice) => ({ invoiceNumber: invoice.number, amountDue: money(invoice.openMinor, invoice.currency), dueOn: invoice.dueDate })),
        paymentsUrl: link(deps, '/account/payments'),
      });
    },
  });
}

