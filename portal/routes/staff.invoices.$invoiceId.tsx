// An invoice as the customer sees it: who issued it, to whom, for which period, line by line.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getInvoice } from '../../server/services/invoice-records.js';
import { formatLineUnitPrice } from '../../server/views/unit-price.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatUnitPrice } from '../../billing/money-format.js';
import { money } from '../../billing/money.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { PageHeader, StatusBadge } from '../ui/page-parts.js';
import { formatPeriod } from '../ui/period.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Invoice ${data?.invoice.number ?? ''} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const invoice = await notFoundAs404(() => getInvoice(args.context.services, args.params.invoiceId ?? ''));
  return {
    companyName: args.context.settings.companyName,
    invoice: {
      number: invoice.number,
      status: invoice.status,
      issueDate: formatDate(invoice.issueDate),
      period: formatPeriod(invoice.periodStart, invoice.periodEnd),
      total: formatAmount(invoice.total),
      customer: invoice.customer,
      lines: invoice.lines.map((line) => ({
        position: line.position,
        description: line.description,
        period: line.periodStart && line.periodEnd ? formatPeriod(line.periodStart, line.periodEnd) : null,
        quantity: line.unit ? `${line.quantity} ${line.unit}` : line.quantity,
        unitPrice: formatLineUnitPrice(line, 'en-GB'),
        amount: formatAmount(line.amount),
        ranges: line.ranges?.map((range) => ({
          span: range.upTo === null ? `over ${range.from}` : `${range.from} to ${range.upTo}`,
          units: range.units,
          unitPrice: formatUnitPrice(range.unitAmountDecimal, line.amount.currency, 'en-GB'),
          flat: range.flatAmountMinor === null ? null : formatAmount(money(BigInt(range.flatAmountMinor), line.amount.currency)),
        })),
      })),
    },
  };
}

export default function InvoicePage() {
  const { companyName, invoice } = useLoaderData<typeof loader>();
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
            <p className="hint">Invoice</p>
          </div>
          <dl className="facts">
            <dt>Invoice number</dt>
            <dd>{invoice.number}</dd>
            <dt>Issued</dt>
            <dd>{invoice.issueDate}</dd>
            <dt>Period</dt>
            <dd>{invoice.period}</dd>
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
        <table className="table">
          <thead>
            <tr>
              <th>Description</th>
              <th className="number">Quantity</th>
              <th className="number">Unit price</th>
              <th className="number">Amount</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => (
              <tr key={line.position}>
                <td>
                  {line.description}
                  {line.period ? <div className="hint">{line.period}</div> : null}
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
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>Total</td>
              <td className="number invoice-total">{invoice.total}</td>
            </tr>
          </tfoot>
        </table>
      </article>
    </>
  );
}
