// `uplink customers create|list|show`.
import { formatMoney } from '../../../billing/money.js';
import { queryAccountStatus, type WorkflowStatus } from '../../services/customers/account-status.js';
import { customerWorkflowId } from '../../../workflows/messages.js';
import { customerListQuerySchema, getCustomer, listCustomers, type CustomerSummary } from '../../services/customers/customer-directory.js';
import { createCustomer } from '../../services/customers/customers.js';
import { parseInput } from '../../services/errors.js';
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
