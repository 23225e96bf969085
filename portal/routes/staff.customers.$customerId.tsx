// One customer account: who they are, what they are subscribed to, what they were invoiced, the
// ledger behind their balance, the emails they were sent, and their workflow's live state.
// Staff change the plan or start a subscription here; cancelling has its own confirm page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { fromWire } from '../../billing/money.js';
import { queryAccountStatus, type WorkflowStatus } from '../../server/services/account-status.js';
import { getCustomer, type SubscriptionView } from '../../server/services/customer-directory.js';
import { customerLedger } from '../../server/services/customer-ledger.js';
import { listEmails } from '../../server/services/email-records.js';
import { ValidationError } from '../../server/services/errors.js';
import { listCustomerInvoices } from '../../server/services/invoice-records.js';
import { changePlan, subscribeCustomer } from '../../server/services/subscriptions.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { EmailTable, emailRow } from '../ui/email-table.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { optionalField, optionalWholeNumber } from '../ui/form-fields.server.js';
import { formatAmount, formatDate, formatDateTime } from '../ui/format.js';
import { InvoiceTable } from '../ui/invoice-table.js';
import { LedgerTable } from '../ui/ledger-table.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { EmptyState, FieldError, NextPageLink, PageHeader, StatusBadge } from '../ui/page-parts.js';
import { formatPeriod } from '../ui/period.js';
import { planOptions } from '../ui/plan-options.server.js';
import { PlanSelect, type PlanOption } from '../ui/plan-select.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';
import { temporalWorkflowUrl } from '../ui/temporal-ui-link.js';
import { WorkflowStatusPanel, type WorkflowPanelData } from '../ui/workflow-status-panel.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.name ?? 'Customer'} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const { services: ctx, settings } = args.context;
  const customerId = args.params.customerId ?? '';
  const customer = await notFoundAs404(() => getCustomer(ctx, customerId));
  const cursors = queryParams(args.request, ['invoices', 'ledger', 'emails']);
  const [invoices, ledger, emails, workflow, plans] = await withQueryErrors(() =>
    Promise.all([
      listCustomerInvoices(ctx, customerId, { cursor: cursors.invoices }),
      customerLedger(ctx, customerId, { cursor: cursors.ledger, limit: 50 }),
      listEmails(ctx, { customerId, cursor: cursors.emails, limit: 10 }),
      queryAccountStatus(ctx, customerId),
      planOptions(ctx, customer.currency),
    ]),
  );
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      currency: customer.currency,
      status: customer.status,
      balance: formatAmount(customer.balance),
      nextBillDate: formatDate(customer.nextBillDate),
      createdAt: formatDateTime(customer.createdAt, settings.timeZone),
    },
    subscription: customer.subscription && subscriptionFacts(customer.subscription),
    plans,
    workflow: workflowPanel(workflow, plans, settings),
    invoices: {
      nextCursor: invoices.nextCursor,
      items: invoices.items.map((invoice) => ({
        id: invoice.id,
        number: invoice.number,
        issueDate: formatDate(invoice.issueDate),
        period: formatPeriod(invoice.periodStart, invoice.periodEnd),
        status: invoice.status,
        total: formatAmount(invoice.total),
      })),
    },
    ledger: {
      nextCursor: ledger.nextCursor,
      items: ledger.items.map((entry) => ({
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
      })),
    },
    emails: { nextCursor: emails.nextCursor, items: emails.items.map((email) => emailRow(email, settings.timeZone)) },
  };
}

// A leap year, so a 29 February anchor can be shown.
const dayAndMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

function subscriptionFacts(subscription: SubscriptionView) {
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

function workflowPanel(
  workflow: WorkflowStatus,
  plans: PlanOption[],
  settings: { temporalUiUrl: string | undefined; temporalNamespace: string },
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
    pendingPlanChange: pending && {
      plan: plans.find((plan) => plan.id === pending.planId)?.label ?? pending.planId,
      effectiveFrom: formatDate(pending.effectiveFrom),
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const ctx = args.context.services;
  const customerId = args.params.customerId ?? '';
  const here = `/staff/customers/${customerId}`;
  const planId = () => {
    const value = optionalField(form, 'planId');
    if (!value) throw new ValidationError([{ field: 'planId', message: 'choose a plan' }]);
    return value;
  };

  switch (form.get('intent')) {
    case 'change-plan': {
      const result = await withFormErrors(() => changePlan(ctx, customerId, planId()));
      if (!result.ok) return result.response;
      return redirectWithNotice(args, here, 'Plan change requested: the new plan is billed from the next period on.');
    }
    case 'subscribe': {
      const result = await withFormErrors(() =>
        subscribeCustomer(ctx, customerId, {
          planId: planId(),
          startDate: optionalField(form, 'startDate'),
          billingDay: optionalWholeNumber(form, 'billingDay'),
        }),
      );
      if (!result.ok) return result.response;
      return redirectWithNotice(args, here, 'Subscription started: completed periods since its start date are being invoiced.');
    }
    default:
      throw new Response('This form asked for something the customer page does not do.', { status: 400, statusText: 'Bad Request' });
  }
}

export default function CustomerPage() {
  const { customer, subscription, plans, workflow, invoices, ledger, emails } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const { search } = useLocation();
  const active = subscription?.status === 'active';
  return (
    <>
      <PageHeader
        title={customer.name}
        subtitle={
          <>
            <Link to="/staff/customers">← All customers</Link> · {customer.email} · <StatusBadge status={customer.status} />
          </>
        }
        actions={
          active ? (
            <Link className="button danger" to={`/staff/customers/${customer.id}/cancel`}>
              Cancel subscription…
            </Link>
          ) : null
        }
      />

      <div className="grid">
        <section className="panel">
          <h2>Account</h2>
          <dl className="facts">
            <dt>Email</dt>
            <dd>{customer.email}</dd>
            <dt>Currency</dt>
            <dd>{customer.currency}</dd>
            <dt>Balance</dt>
            <dd className="account-balance">{customer.balance}</dd>
            <dt>Next bill date</dt>
            <dd>{customer.nextBillDate}</dd>
            <dt>Customer since</dt>
            <dd>{customer.createdAt}</dd>
          </dl>
        </section>

        <section className="panel subscription">
          <h2>Subscription</h2>
          {subscription ? (
            <dl className="facts">
              <dt>Plan</dt>
              <dd>
                <Link to={`/staff/plans/${subscription.planId}`}>{subscription.plan}</Link> ({subscription.price})
              </dd>
              <dt>Started</dt>
              <dd>{subscription.startDate}</dd>
              <dt>Renews</dt>
              <dd>{subscription.renews}</dd>
              <dt>Status</dt>
              <dd>
                <StatusBadge status={subscription.status} />
                {subscription.cancelledOn ? ` on ${subscription.cancelledOn}` : null}
              </dd>
            </dl>
          ) : (
            <p className="hint">No plan yet: this customer is set up but not billed until a subscription starts.</p>
          )}
        </section>

        <WorkflowStatusPanel workflow={workflow} />
      </div>

      {active ? (
        <section className="panel">
          <h2>Change plan</h2>
          {plans.length > 1 ? (
            <Form method="post" className="inline-form">
              <CsrfField />
              <input type="hidden" name="intent" value="change-plan" />
              <label>
                New plan ({customer.currency})
                <PlanSelect plans={plans} exclude={subscription?.planId} />
              </label>
              <button type="submit">Change plan</button>
            </Form>
          ) : (
            <p className="hint">
              There is no other plan in {customer.currency}. <Link to="/staff/plans">Create one</Link> to move this customer to it.
            </p>
          )}
          <FieldError errors={errors} field="planId" />
          <FieldError errors={errors} field="form" />
          <p className="hint">The current period is billed on the current plan; the new plan applies from the next period.</p>
        </section>
      ) : null}

      {customer.status === 'pending' ? (
        <section className="panel">
          <h2>Start subscription</h2>
          {plans.length > 0 ? (
            <Form method="post" className="stacked-form">
              <CsrfField />
              <input type="hidden" name="intent" value="subscribe" />
              <label>
                Plan ({customer.currency})
                <PlanSelect plans={plans} />
              </label>
              <FieldError errors={errors} field="planId" />
              <label>
                Start date (optional; today if empty)
                <input name="startDate" type="date" />
              </label>
              <FieldError errors={errors} field="startDate" />
              <label>
                Billing day of the month (optional)
                <input name="billingDay" type="number" min={1} max={31} inputMode="numeric" />
              </label>
              <FieldError errors={errors} field="billingDay" />
              <FieldError errors={errors} field="customerId" />
              <FieldError errors={errors} field="form" />
              <button type="submit">Start subscription</button>
            </Form>
          ) : (
            <p className="hint">
              There is no plan in {customer.currency} yet. <Link to="/staff/plans">Create one</Link> first.
            </p>
          )}
        </section>
      ) : null}

      <section className="page-section" aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">Invoices</h2>
        {invoices.items.length === 0 ? (
          <EmptyState title="No invoices yet">
            {active ? `The first invoice is issued when the current period ends (${customer.nextBillDate}).` : 'Invoices appear once a subscription is billed.'}
          </EmptyState>
        ) : (
          <InvoiceTable invoices={invoices.items} />
        )}
        <NextPageLink nextCursor={invoices.nextCursor} search={search} param="invoices" />
      </section>

      <section className="page-section" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Ledger</h2>
        {ledger.items.length === 0 ? (
          <EmptyState title="Nothing posted yet">Each invoice and payment is posted here, with the balance after it.</EmptyState>
        ) : (
          <LedgerTable entries={ledger.items} />
        )}
        <NextPageLink nextCursor={ledger.nextCursor} search={search} param="ledger" />
      </section>

      <section className="page-section" aria-labelledby="emails-heading">
        <h2 id="emails-heading">Emails</h2>
        {emails.items.length === 0 ? (
          <EmptyState title="No emails sent yet">Invoice emails are recorded here as they are sent.</EmptyState>
        ) : (
          <EmailTable emails={emails.items} />
        )}
        <NextPageLink nextCursor={emails.nextCursor} search={search} param="emails" />
      </section>
    </>
  );
}
