// How the customer account page shows its parts: the subscription's terms in words, the
// workflow's live status (or why it is missing) with its Temporal Web UI link, and ledger rows.
import { describeBillingStep } from '../../billing/blocks/billing-blocks.js';
import { fromWire } from '../../billing/money.js';
import type { WorkflowStatus } from '../../server/services/customers/account-status.js';
import type { SubscriptionView } from '../../server/services/customers/customer-directory.js';
import type { LedgerEntryView } from '../../server/services/books/customer-ledger.js';
import { formatAmount, formatDate, formatDateTime } from './format.js';
import type { PlanOption } from './plan-select.js';
import { temporalWorkflowUrl } from './temporal-ui-link.js';
import type { WorkflowPanelData } from './workflow-status-panel.js';

export function ledgerRow(entry: LedgerEntryView) {
  return {
    id: entry.id,
    date: formatDate(entry.entryDate),
    description: entry.description,
    change: formatAmount(entry.receivableChange),
    balance: formatAmount(entry.runningBalance),
    lines: entry.lines.map((line, index) => ({
      key: String(index),
      account: `${line.accountName} (${line.accountCode})`,
      amount: formatAmount(line.amount),
      // Lines usually repeat their entry's description; only a memo that adds something is shown.
      memo: line.memo === entry.description ? null : line.memo,
    })),
  };
}

// A leap year, so a 29 February anchor can be shown.
const dayAndMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

export function subscriptionFacts(subscription: SubscriptionView) {
  const { anchor } = subscription;
  const renews =
    anchor.month === undefined
      ? `on day ${anchor.day} of each month`
      : `every year on ${dayAndMonth.format(Date.UTC(2000, anchor.month - 1, anchor.day))}`;
  return {
    planId: subscription.planId,
    plan: subscription.planName,
    price: `${formatAmount(subscription.planAmount)} per ${subscription.interval}`,
    startDate: formatDate(subscription.startDate),
    renews,
    status: subscription.status,
    cancelledOn: subscription.cancelledOn ? formatDate(subscription.cancelledOn) : null,
  };
}

export function workflowPanel(
  workflow: WorkflowStatus,
  plans: PlanOption[],
  settings: { temporalUiUrl: string | undefined; temporalNamespace: string; timeZone: string },
): WorkflowPanelData {
  const runId = workflow.available ? workflow.runId : undefined;
  const temporalUrl = settings.temporalUiUrl
    ? temporalWorkflowUrl(settings.temporalUiUrl, settings.temporalNamespace, workflow.workflowId, runId)
    : null;
  if (!workflow.available) return { available: false, workflowId: workflow.workflowId, reason: workflow.reason, temporalUrl };
  const { status } = workflow;
  const pending = status.pendingPlanChange;
  return {
    available: true,
    workflowId: workflow.workflowId,
    temporalUrl,
    status: status.status,
    nextBillDate: formatDate(status.nextBillDate),
    balance: formatAmount(fromWire(status.balance)),
    invoicesIssued: status.invoicesIssued,
    lastInvoice: status.lastInvoice && {
      id: status.lastInvoice.invoiceId,
      number: status.lastInvoice.number,
      total: formatAmount(fromWire(status.lastInvoice.total)),
    },
    lastPostedDocument: status.lastPostedDocument && {
      kind: status.lastPostedDocument.kind,
      id: status.lastPostedDocument.documentId,
      number: status.lastPostedDocument.number,
      total: formatAmount(fromWire(status.lastPostedDocument.total)),
    },
    pendingPlanChange: pending && {
      plan: plans.find((plan) => plan.id === pending.planId)?.label ?? pending.planId,
      effectiveFrom: formatDate(pending.effectiveFrom),
    },
    billingBlocked: status.billingBlocked && {
      since: formatDateTime(status.billingBlocked.since, settings.timeZone),
      step: describeBillingStep(status.billingBlocked.step),
      reason: status.billingBlocked.reason,
    },
  };
}
