// `uplink customers create|list|show|blocked|resume-billing`.
import { billingBlockSummary, describeBillingStep } from '../../../billing/blocks/billing-blocks.js';
import { formatMoney } from '../../../billing/money.js';
import { termsLabel } from '../../../billing/payments/payment-terms.js';
import { queryAccountStatus, type WorkflowStatus } from '../../services/customers/account-status.js';
import { listBlockedAccounts, resumeBilling } from '../../services/customers/billing-blocks.js';
import { customerWorkflowId } from '../../../workflows/messages.js';
import { customerListQuerySchema, getCustomer, listCustomers, type CustomerSummary } from '../../services/customers/customer-directory.js';
import { createCustomer } from '../../services/customers/customers.js';
import { parseInput } from '../../services/errors.js';
import { blockedAccountJson } from '../../views/billing-block-json.js';
import { customerDetailJson, customerJson } from '../../views/customer-json.js';
import type { Command } from '../command.js';
import { integerOption } from '../input-values.js';
import { nextPageHint, pageOptions } from './paging.js';

function planLine(customer: CustomerSummary): string {
  const subscription = customer.subscription;
  if (!subscription) return 'none (not billed until subscribed to a plan)';
  const price = `${formatMoney(subscription.planAmount)} a ${subscription.interval}`;
  const state = subscription.status === 'active' ? `since ${subscription.startDate}` : `cancelled on ${subscription.cancelledOn ?? '?'}`;
  return `${subscription.planName} (${price}), ${state}`;
}

function customerFacts(customer: CustomerSummary): [string, string][] {
  return [
    ['id', customer.id],
    ['name', customer.name],
    ['email', customer.email],
    ['status', customer.status],
    ['currency', customer.currency],
    ['plan', planLine(customer)],
    ['balance', formatMoney(customer.balance)],
    ['next bill', customer.nextBillDate ?? '-'],
    ['payment terms', customer.paymentTermsDays === null ? 'company default' : termsLabel(customer.paymentTermsDays)],
  ];
}

function workflowFacts(workflow: WorkflowStatus, uiUrl: string | undefined): [string, string][] {
  const lines: [string, string][] = [['workflow', workflow.workflowId]];
  if (workflow.available) {
    const live = workflow.status;
    lines.push(
      ['live status', live.status],
      ['invoices issued', String(live.invoicesIssued)],
      ['last invoice', live.lastInvoice ? live.lastInvoice.number : '-'],
      ['billing', live.billingBlocked ? `${billingBlockSummary(live.billingBlocked)} (since ${live.billingBlocked.since})` : 'not blocked'],
    );
  } else {
    lines.push(['live status', `unavailable: ${workflow.reason}`]);
  }
  if (uiUrl) lines.push(['web UI', uiUrl]);
  return lines;
}

export const customersCreate: Command = {
  name: 'customers create',
  summary: "Create a customer and start their account's billing workflow.",
  options: {
    name: { type: 'string', description: "the customer's name", placeholder: '<text>', required: true },
    email: { type: 'string', description: 'where invoices are sent', placeholder: '<address>', required: true },
    currency: { type: 'string', description: 'ISO 4217 code the customer is billed in, e.g. EUR', placeholder: '<code>', required: true },
    'plan-id': { type: 'string', description: 'subscribe to this plan; without it the customer is not billed yet', placeholder: '<id>' },
    'start-date': { type: 'string', description: 'first day of service (may be in the past; missed periods are billed)', placeholder: '<YYYY-MM-DD>' },
    'billing-day': { type: 'string', description: 'day of the month periods renew on (default: the start date’s)', placeholder: '<1-31>' },
    'payment-terms-days': { type: 'string', description: 'days after issue their invoices fall due, 0 = on receipt (default: the company’s)', placeholder: '<0-365>' },
  },
  temporal: 'required',
  async run(input, { ctx, workflowUiUrl }, out) {
    const { customer } = await createCustomer(ctx, {
      name: input.option('name'),
      email: input.option('email'),
      currency: input.option('currency'),
      planId: input.option('plan-id'),
      startDate: input.option('start-date'),
      billingDay: integerOption(input.option('billing-day'), 'billingDay'),
      paymentTermsDays: integerOption(input.option('payment-terms-days'), 'paymentTermsDays'),
    });
    const summary = await getCustomer(ctx, customer.id);
    out.result(customerJson(summary), (print) => {
      const uiUrl = workflowUiUrl(customerWorkflowId(summary.id));
      print.line(`Created customer ${summary.name}; their account workflow is running.`);
      print.facts([...customerFacts(summary), ...(uiUrl ? [['web UI', uiUrl] as [string, string]] : [])]);
    });
  },
};

export const customersList: Command = {
  name: 'customers list',
  summary: 'List customers, newest first, with balance and next bill date.',
  options: {
    search: { type: 'string', description: 'part of the name or email', placeholder: '<text>' },
    status: { type: 'string', description: 'pending, active or cancelled', placeholder: '<status>' },
    ...pageOptions,
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const query = parseInput(customerListQuerySchema, {
      search: input.option('search'),
      status: input.option('status'),
      limit: input.option('limit'),
      cursor: input.option('cursor'),
    });
    const page = await listCustomers(ctx, query);
    out.result({ items: page.items.map(customerJson), nextCursor: page.nextCursor }, (print) => {
      if (page.items.length === 0) {
        print.line('No customers match.');
        return;
      }
      print.table(
        [
          { header: 'ID' },
          { header: 'NAME' },
          { header: 'EMAIL' },
          { header: 'STATUS' },
          { header: 'PLAN' },
          { header: 'BALANCE', align: 'right' },
          { header: 'NEXT BILL' },
        ],
        page.items.map((customer) => [
          customer.id,
          customer.name,
          customer.email,
          customer.status,
          customer.subscription?.planName ?? '-',
          formatMoney(customer.balance),
          customer.nextBillDate ?? '-',
        ]),
      );
      nextPageHint(print, page.nextCursor);
    });
  },
};

export const customersShow: Command = {
  name: 'customers show',
  summary: "Show a customer: details, plan, balance, and their workflow's live status.",
  options: {},
  positional: { name: 'customer-id', description: 'the customer to show' },
  // The stored details stand on their own; the live status says why it is missing if Temporal is down.
  temporal: 'optional',
  async run(input, { ctx, workflowUiUrl }, out) {
    const customer = await getCustomer(ctx, input.argument ?? '');
    const workflow = await queryAccountStatus(ctx, customer.id);
    out.result(customerDetailJson(customer, workflow), (print) => {
      print.facts([...customerFacts(customer), ...workflowFacts(workflow, workflowUiUrl(workflow.workflowId))]);
    });
  },
};

export const customersBlocked: Command = {
  name: 'customers blocked',
  summary: 'List accounts whose billing is blocked and waits for staff, longest blocked first.',
  options: {},
  temporal: 'none',
  async run(_input, { ctx }, out) {
    const accounts = await listBlockedAccounts(ctx);
    const items = accounts.map(blockedAccountJson);
    out.result({ items }, (print) => {
      if (items.length === 0) {
        print.line('No account is blocked: every account bills.');
        return;
      }
      print.table(
        [{ header: 'ID' }, { header: 'NAME' }, { header: 'SINCE' }, { header: 'STEP' }, { header: 'REASON' }],
        items.map((account) => [account.customerId, account.customerName, account.since, account.stepDescription, account.reason]),
      );
    });
  },
};

export const customersResumeBilling: Command = {
  name: 'customers resume-billing',
  summary: "Resume a customer's blocked billing once its data is fixed; the missed periods are billed once.",
  options: {
    note: { type: 'string', description: 'what was fixed, kept in the workflow history', placeholder: '<text>' },
  },
  positional: { name: 'customer-id', description: 'the customer whose billing is blocked' },
  temporal: 'required',
  async run(input, { ctx }, out) {
    const customerId = input.argument ?? '';
    const resumed = await resumeBilling(ctx, customerId, { note: input.option('note') });
    out.result({ customerId, ...resumed }, (print) => {
      print.line(`Billing resumed: the account workflow runs ${describeBillingStep(resumed.step)} again now, then bills the periods it missed.`);
    });
  },
};
