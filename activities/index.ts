// The activities of the billing task queue, built from injected dependencies
// (the pattern of Temporal's activities-dependency-injection sample).
import type { IsoDate } from '../billing/calendar.js';
import type { IssueRecurringInvoiceInput, PostedDocument } from './account-types.js';
import type { ActivityDeps } from './deps.js';
import { acceptQuote } from './accept-quote.js';
import { accountMoney, autopayInvoice } from './autopay.js';
import { clearBillingBlocked, reportBillingBlocked, type BillingBlockReport } from './billing-blocks.js';
import { emailCreditNote } from './email-credit-note.js';
import { emailInvoice } from './email-invoice.js';
import { emailQuote, emailQuoteAccepted, type QuoteEmailOccasion } from './email-quote.js';
import { issueRecurringInvoice } from './issue-recurring-invoice.js';
import { loadAccount } from './load-account.js';
import { emailCardExpiring, emailPaymentFailed, emailPaymentReceipt, emailRefundIssued } from './payment-emails.js';
import { postedDocument } from './posted-document.js';
import { declineQuote, expireQuote, markQuoteSent } from './quote-lifecycle.js';
import type { QuoteDecisionChannel } from './quote-types.js';
import { closeSubscription, recordCancellation, recordPlanChange, switchSubscriptionPlan } from './subscription-changes.js';

export function createActivities(deps: ActivityDeps) {
  return {
    loadAccount: (customerId: string) => loadAccount(deps.db, customerId),
    issueRecurringInvoice: (input: IssueRecurringInvoiceInput) => issueRecurringInvoice(deps.db, input),
    emailInvoice: (invoiceId: string) => emailInvoice(deps, invoiceId),
    emailCreditNote: (creditNoteId: string) => emailCreditNote(deps, creditNoteId),
    postedDocument: (kind: PostedDocument['kind'], documentId: string) => postedDocument(deps.db, kind, documentId),
    switchSubscriptionPlan: (input: { subscriptionId: string; planId: string; anchorMonth: number | null; anchorDay?: number }) =>
      switchSubscriptionPlan(deps.db, input),
    closeSubscription: (input: { customerId: string; subscriptionId: string | null; cancelledOn: IsoDate }) =>
      closeSubscription(deps.db, input),
    recordPlanChange: (input: { subscriptionId: string; planId: string; effectiveFrom: IsoDate }) => recordPlanChange(deps.db, input),
    recordCancellation: (input: { subscriptionId: string | null; cancelledOn: IsoDate }) => recordCancellation(deps.db, input),
    reportBillingBlocked: (report: BillingBlockReport) => reportBillingBlocked(deps, report),
    clearBillingBlocked: (input: { customerId: string; since: string }) => clearBillingBlocked(deps, input),
    markQuoteSent: (quoteId: string) => markQuoteSent(deps.db, quoteId),
    emailQuote: (quoteId: string, occasion: QuoteEmailOccasion) => emailQuote(deps, quoteId, occasion),
    acceptQuote: (quoteId: string, via: QuoteDecisionChannel, issueDate: IsoDate) => acceptQuote(deps.db, quoteId, via, issueDate),
    declineQuote: (quoteId: string, via: QuoteDecisionChannel) => declineQuote(deps.db, quoteId, via),
    expireQuote: (quoteId: string) => expireQuote(deps.db, quoteId),
    emailQuoteAccepted: (quoteId: string) => emailQuoteAccepted(deps, quoteId),
    autopayInvoice: (invoiceId: string) => autopayInvoice(deps, invoiceId),
    accountMoney: (customerId: string) => accountMoney(deps, customerId),
    emailPaymentReceipt: (paymentId: string) => emailPaymentReceipt(deps, paymentId),
    emailPaymentFailed: (attemptId: string, confirmation: number) => emailPaymentFailed(deps, attemptId, confirmation),
    emailRefundIssued: (refundId: string) => emailRefundIssued(deps, refundId),
    emailCardExpiring: (paymentMethodId: string, daysBefore: number) => emailCardExpiring(deps, paymentMethodId, daysBefore),
  };
}

export type BillingActivities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps.js';
export type * from './account-types.js';
export type * from './quote-types.js';
export type { AccountMoney, AutopayResult } from './autopay.js';
