// An invoice as the customer sees it: who issued it, to whom, for which period, when it is due and
// whether it is paid, line by line with its tax; then what credit notes took back, and a form to
// credit it (whole or some lines).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { formatUnitPrice } from '../../billing/money-format.js';
import { money, subtract } from '../../billing/money.js';
import { netOfTax } from '../../billing/tax.js';
import { createCreditNote } from '../../server/services/credit-notes/credit-notes.js';
import { ConflictError, ValidationError } from '../../server/services/errors.js';
import { getInvoice } from '../../server/services/invoices/invoice-records.js';
import { invoiceStandingOf } from '../../server/services/invoices/invoice-standings.js';
import { formatLineUnitPrice } from '../../server/views/unit-price.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { businessToday } from '../ui/business-today.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { errorsOnCreditForm, readCreditForm } from '../ui/invoice-credit-form.server.js';
import { InvoiceCreditForm, type CreditFormValues } from '../ui/invoice-credit-form.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { EmptyState, FieldError, PageHeader, StatusBadge } from '../ui/page-parts.js';
import { PaymentBadges, paymentStandingView } from '../ui/payment-standing.js';
import { formatPeriod } from '../ui/period.js';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `Invoice ${loaded?.invoice.number ?? ''} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const invoice = await notFoundAs404(() => getInvoice(args.context.services, args.params.invoiceId ?? ''));
  const net = netOfTax(invoice.total, invoice.tax);
  const standing = await invoiceStandingOf(args.context.services, invoice.id, businessToday(args.context.settings));
  return {
    companyName: args.context.settings.companyName,
    invoice: {
      id: invoice.id,
      number: invoice.number,
      status: invoice.status,
      oneOff: invoice.kind === 'one_off',
      issueDate: formatDate(invoice.issueDate),
      period: formatPeriod(invoice.periodStart, invoice.periodEnd),
      payment: standing && paymentStandingView(standing),
      net: formatAmount(net),
      tax: formatAmount(invoice.tax),
      hasTax: invoice.tax.amountMinor !== 0n || invoice.lines.some((line) => line.taxRate !== null),
      total: formatAmount(invoice.total),
      credited: invoice.credited.amountMinor === 0n ? null : formatAmount(invoice.credited),
      remaining: formatAmount(subtract(invoice.total, invoice.credited)),
      customer: invoice.customer,
      lines: invoice.lines.map((line) => ({
        position: line.position,
        description: line.description,
        period: line.periodStart && line.periodEnd ? formatPeriod(line.periodStart, line.periodEnd) : null,
        quantity: line.unit ? `${line.quantity} ${line.unit}` : line.quantity,
        unitPrice: formatLineUnitPrice(line, 'en-GB'),
        amount: formatAmount(line.amount),
        taxRate: line.taxRate === null ? '—' : `${line.taxRate}%`,
        tax: formatAmount(line.tax),
        credited: line.credited.amountMinor === 0n ? null : formatAmount(line.credited),
        remaining: formatAmount(subtract(line.amount, line.credited)),
        creditable: line.amount.amountMinor - line.credited.amountMinor > 0n,
        ranges: line.ranges?.map((range) => ({
          span: range.upTo === null ? `over ${range.from}` : `${range.from} to ${range.upTo}`,
          units: range.units,
          unitPrice: formatUnitPrice(range.unitAmountDecimal, line.amount.currency, 'en-GB'),
          flat: range.flatAmountMinor === null ? null : formatAmount(money(BigInt(range.flatAmountMinor), line.amount.currency)),
        })),
      })),
      creditNotes: invoice.creditNotes.map((note) => ({
        id: note.id,
        number: note.number,
        issueDate: formatDate(note.issueDate),
        reason: note.reason,
        total: formatAmount(note.total),
      })),
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const ctx = args.context.services;
  const invoice = await notFoundAs404(() => getInvoice(ctx, args.params.invoiceId ?? ''));
  const { input, positionOfLine, values } = readCreditForm(form, invoice.lines.map((line) => line.position));
  try {
    const { creditNote } = await createCreditNote(ctx, invoice.id, input);
    return redirectWithNotice(args, `/staff/credit-notes/${creditNote.id}`, `Credit note ${creditNote.number} issued and emailed to ${invoice.customer.email}.`);
  } catch (error) {
    if (error instanceof ConflictError) return data({ errors: { form: error.message } as Record<string, string>, values }, { status: 409 });
    if (!(error instanceof ValidationError)) throw error;
    const errors = errorsOnCreditForm(Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message])), positionOfLine);
    return data({ errors, values }, { status: 422 });
  }
}

const blankCredit: CreditFormValues = { reason: '', scope: 'whole', amounts: {}, rest: {} };

export default function InvoicePage() {
  const { companyName, invoice } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const columns = invoice.hasTax ? 6 : 4;
  return (
    <>
      <PageHeader
        title={`Invoice ${invoice.number}`}
        subtitle={
          <>
            <Link to={`/staff/customers/${invoice.customer.id}`}>← {invoice.customer.name}</Link> · <StatusBadge status={invoice.status} />
          </>
        }
      />
      <article className="document">
        <header className="document-header">
          <div>
            <h2>{companyName}</h2>
            <p className="hint">{invoice.oneOff ? 'One-off invoice' : 'Invoice'}</p>
          </div>
          <dl className="facts">
            <dt>Invoice number</dt>
            <dd>{invoice.number}</dd>
            <dt>Issued</dt>
            <dd>{invoice.issueDate}</dd>
            {invoice.oneOff ? null : (
              <>
                <dt>Period</dt>
                <dd>{invoice.period}</dd>
              </>
            )}
            {invoice.payment ? (
              <>
                <dt>Due</dt>
                <dd className="invoice-due">{`${invoice.payment.dueDate} (${invoice.payment.terms})`}</dd>
                <dt>Payment</dt>
                <dd>
                  <PaymentBadges status={invoice.payment.status} label={invoice.payment.statusLabel} overdue={invoice.payment.overdue} />
                </dd>
                <dt>Open</dt>
                <dd className="invoice-open">{invoice.payment.open}</dd>
              </>
            ) : null}
          </dl>
        </header>
        <section>
          <p className="hint">Billed to</p>
          <p>
            <strong>{invoice.customer.name}</strong>
            <br />
            {invoice.customer.email}
          </p>
        </section>
        <table className="table invoice-lines">
          <thead>
            <tr>
              <th>Description</th>
              <th className="number">Quantity</th>
              <th className="number">Unit price</th>
              <th className="number">Amount</th>
              {invoice.hasTax ? (
                <>
                  <th className="number">Tax rate</th>
                  <th className="number">Tax</th>
                </>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => (
              <tr key={line.position}>
                <td>
                  {line.description}
                  {line.period ? <div className="hint">{line.period}</div> : null}
                  {line.credited ? <div className="hint">{`${line.credited} credited`}</div> : null}
                  {line.ranges?.length ? (
                    <ul className="hint range-breakdown">
                      {line.ranges.map((range) => (
                        <li key={range.span}>
                          {range.span}: {range.units} at {range.unitPrice}
                          {range.flat ? ` + ${range.flat} flat` : ''}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td className="number">{line.quantity}</td>
                <td className="number">{line.unitPrice}</td>
                <td className="number">{line.amount}</td>
                {invoice.hasTax ? (
                  <>
                    <td className="number">{line.taxRate}</td>
                    <td className="number">{line.tax}</td>
                  </>
                ) : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            {invoice.hasTax ? (
              <>
                <tr>
                  <td colSpan={columns - 1}>Net</td>
                  <td className="number">{invoice.net}</td>
                </tr>
                <tr>
                  <td colSpan={columns - 1}>Tax</td>
                  <td className="number invoice-tax">{invoice.tax}</td>
                </tr>
              </>
            ) : null}
            <tr>
              <td colSpan={columns - 1}>Total</td>
              <td className="number invoice-total">{invoice.total}</td>
            </tr>
            {invoice.credited ? (
              <>
                <tr>
                  <td colSpan={columns - 1}>Credited</td>
                  <td className="number invoice-credited">{`−${invoice.credited}`}</td>
                </tr>
                <tr>
                  <td colSpan={columns - 1}>Remaining after credit notes</td>
                  <td className="number">{invoice.remaining}</td>
                </tr>
              </>
            ) : null}
          </tfoot>
        </table>
      </article>

      <section className="page-section" aria-labelledby="credit-notes-heading">
        <h2 id="credit-notes-heading">Credit notes</h2>
        {invoice.creditNotes.length === 0 ? (
          <EmptyState title="No credit notes">Nothing has been credited on this invoice.</EmptyState>
        ) : (
          <table className="table credit-notes">
            <thead>
              <tr>
                <th>Number</th>
                <th>Issued</th>
                <th>Reason</th>
                <th className="number">Total</th>
              </tr>
            </thead>
            <tbody>
              {invoice.creditNotes.map((note) => (
                <tr key={note.id}>
                  <td>
                    <Link to={`/staff/credit-notes/${note.id}`}>{note.number}</Link>
                  </td>
                  <td>{note.issueDate}</td>
                  <td>{note.reason}</td>
                  <td className="number">{note.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="credit-heading">
        <h2 id="credit-heading">Credit note</h2>
        <FieldError errors={refused?.errors} field="form" />
        {invoice.lines.some((line) => line.creditable) ? (
          <InvoiceCreditForm
            lines={invoice.lines.filter((line) => line.creditable).map(({ position, description, remaining }) => ({ position, description, remaining }))}
            values={refused?.values ?? blankCredit}
            errors={refused?.errors}
          />
        ) : (
          <p>This invoice is credited in full.</p>
        )}
      </section>
    </>
  );
}
