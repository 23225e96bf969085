// One customer account: who they are, what they are subscribed to, what they were invoiced, the
// ledger behind their balance, the emails they were sent, and their workflow's live state.
// Staff change the plan or start a subscription here, set the customer's payment terms, and resume
// billing the workflow blocked; cancelling has its own confirm page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { termsLabel } from '../../billing/payments/payment-terms.js';
import { queryAccountStatus } from '../../server/services/customers/account-status.js';
import { resumeBilling } from '../../server/services/customers/billing-blocks.js';
import { updateCustomer } from '../../server/services/customers/customer-changes.js';
import { getCustomer } from '../../server/services/customers/customer-directory.js';
import { customerLedger } from '../../server/services/books/customer-ledger.js';
import { listEmails } from '../../server/services/emails/email-records.js';
import { ValidationError } from '../../server/services/errors.js';
import { listCustomerInvoices } from '../../server/services/invoices/invoice-records.js';
import { listCustomerPayments } from '../../server/services/payments/payment-records.js';
import { invoiceStandings } from '../../server/services/invoices/invoice-standings.js';
import { listQuotes } from '../../server/services/quotes/quotes.js';
import { changePlan } from '../../server/services/subscriptions/subscription-changes.js';
import { getBillingSettings } from '../../server/services/settings/billing-settings.js';
import { subscribeCustomer } from '../../server/services/subscriptions/subscriptions.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { BillingBlockPanel } from '../ui/billing-block-panel.js';
import { CardsAndAutopayPanel } from '../ui/cards-autopay-panel.js';
import { businessToday } from '../ui/business-today.server.js';
import { ledgerRow, subscriptionFacts, workflowPanel } from '../ui/customer-account.server.js';
import { CONSUMPTION_INTENTS, consumptionAction, customerConsumption } from '../ui/customer-consumption.server.js';
import { CustomerConsumption } from '../ui/customer-consumption.js';
import { AUTOPAY_INTENT, autopayAction, customerCardsView } from '../ui/customer-cards.server.js';
import { EmailTable, emailRow } from '../ui/email-table.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { optionalField, optionalWholeNumber } from '../ui/form-fields.server.js';
import { formatAmount, formatDate, formatDateTime } from '../ui/format.js';
import { InvoiceTable } from '../ui/invoice-table.js';
import { LedgerTable } from '../ui/ledger-table.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { CustomerPaymentsSection, paymentRow } from '../ui/payment-table.js';
import { EmptyState, NextPageLink, PageHeader, StatusBadge } from '../ui/page-parts.js';
import { paymentStandingView } from '../ui/payment-standing.js';
import { postedTermsDays } from '../ui/payment-terms-field.server.js';
import { PaymentTermsPanel } from '../ui/payment-terms-panel.js';
import { formatPeriod } from '../ui/period.js';
import { planOptions } from '../ui/plan-options.server.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';
import { CustomerQuotesSection } from '../ui/quote-section.js';
import { quoteRow } from '../ui/quote-table.js';
import { ChangePlanPanel, StartSubscriptionPanel } from '../ui/subscription-forms.js';
import { WorkflowStatusPanel } from '../ui/workflow-status-panel.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.name ?? 'Customer'} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const { services: ctx, settings } = args.context;
  const customerId = args.params.customerId ?? '';
  const customer = await notFoundAs404(() => getCustomer(ctx, customerId));
  const cursors = queryParams(args.request, ['invoices', 'ledger', 'emails', 'quotes']);
  const [invoices, ledger, emails, workflow, plans, quotes, billingSettings] = await withQueryErrors(() =>
    Promise.all([
      listCustomerInvoices(ctx, customerId, { cursor: cursors.invoices }),
      customerLedger(ctx, customerId, { cursor: cursors.ledger, limit: 50 }),
      listEmails(ctx, { customerId, cursor: cursors.emails, limit: 10 }),
      queryAccountStatus(ctx, customerId),
      planOptions(ctx, customer.currency),
      listQuotes(ctx, { customerId, cursor: cursors.quotes, limit: 10 }),
      getBillingSettings(ctx),
    ]),
  );
  const standings = await invoiceStandings(ctx, invoices.items.map((invoice) => invoice.id), businessToday(settings));
  const paymentOf = (invoiceId: string) => {
    const standing = standings.get(invoiceId);
    return standing ? paymentStandingView(standing) : null;
  };
  const ownTerms = customer.paymentTermsDays;
  const payments = await withQueryErrors(() => listCustomerPayments(ctx, customerId, { cursor: queryParams(args.request, ['payments']).payments, limit: 10 }));
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
    terms: {
      label: ownTerms === null ? `${termsLabel(billingSettings.defaultPaymentTermsDays)} (company default)` : termsLabel(ownTerms),
      ownDays: ownTerms === null ? '' : String(ownTerms),
    },
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
        payment: paymentOf(invoice.id),
      })),
    },
    payments: { nextCursor: payments.nextCursor, items: payments.items.map(paymentRow) },
    ledger: { nextCursor: ledger.nextCursor, items: ledger.items.map(ledgerRow) },
    emails: { nextCursor: emails.nextCursor, items: emails.items.map((email) => emailRow(email, settings.timeZone)) },
    quotes: { nextCursor: quotes.nextCursor, items: quotes.items.map((quote) => quoteRow(quote, settings.timeZone)) },
    consumption: await customerConsumption(ctx, customer, settings.timeZone),
    cards: await customerCardsView(ctx, customerId, settings),
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

  if (CONSUMPTION_INTENTS.includes(String(form.get('intent')))) {
    const result = await consumptionAction(ctx, customerId, form);
    return result.ok ? redirectWithNotice(args, here, result.notice) : result.response;
  }
  if (form.get('intent') === AUTOPAY_INTENT) {
    const result = await autopayAction(ctx, customerId, form, args.context.settings);
    return result.ok ? redirectWithNotice(args, here, result.notice) : result.response;
  }
  switch (form.get('intent')) {
    case 'change-plan': {
      const result = await withFormErrors(() => changePlan(ctx, customerId, planId()));
      if (!result.ok) return result.response;
      return redirectWithNotice(args, here, `Plan changed: the new plan is billed from the next period, starting ${result.value.effectiveFrom}.`);
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
    case 'payment-terms': {
      const result = await withFormErrors(() => updateCustomer(ctx, customerId, { paymentTermsDays: postedTermsDays(form, 'paymentTermsDays') }));
      if (!result.ok) return result.response;
      const days = result.value.paymentTermsDays;
      return redirectWithNotice(args, here, `Payment terms saved: ${days === null ? 'the company default' : termsLabel(days)} for invoices issued from now on.`);
    }
    case 'resume-billing': {
      const result = await withFormErrors(() => resumeBilling(ctx, customerId, { note: optionalField(form, 'note') }));
      if (!result.ok) return result.response;
      return redirectWithNotice(args, here, 'Billing resumed: the failed step runs again now, and the periods missed meanwhile are billed.');
    }
    default:
      throw new Response('This form asked for something the customer page does not do.', { status: 400, statusText: 'Bad Request' });
  }
}

export default function CustomerPage() {
  const { customer, subscription, terms, plans, workflow, invoices, ledger, emails, consumption, quotes } = useLoaderData<typeof loader>();
  const { payments } = useLoaderData<typeof loader>();
  const { cards } = useLoaderData<typeof loader>();
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

      {workflow.available && workflow.billingBlocked ? <BillingBlockPanel block={workflow.billingBlocked} errors={errors} /> : null}

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

      {active ? <ChangePlanPanel currency={customer.currency} plans={plans} currentPlanId={subscription?.planId} errors={errors} /> : null}
      {customer.status === 'pending' ? <StartSubscriptionPanel currency={customer.currency} plans={plans} errors={errors} /> : null}
      <PaymentTermsPanel terms={terms} errors={errors} />
      <CustomerConsumption {...consumption} errors={errors} />

      <section className="page-section" aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">Invoices</h2>
        <p>
          <Link to={`/staff/customers/${customer.id}/invoices/new`}>New one-off invoice →</Link>
        </p>
        {invoices.items.length === 0 ? (
          <EmptyState title="No invoices yet">
            {active ? `The first invoice is issued when the current period ends (${customer.nextBillDate}).` : 'Invoices appear once a subscription is billed.'}
          </EmptyState>
        ) : (
          <InvoiceTable invoices={invoices.items} />
        )}
        <NextPageLink nextCursor={invoices.nextCursor} search={search} param="invoices" />
      </section>

      <CustomerPaymentsSection customerId={customer.id} payments={payments} search={search} />

      <CardsAndAutopayPanel cards={cards} errors={errors} />

      <CustomerQuotesSection customerId={customer.id} quotes={quotes} search={search} />

      <section className="page-section" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Ledger</h2>
        <p>
          <Link to={`/staff/customers/${customer.id}/statement`}>Statement for a period →</Link>
        </p>
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
