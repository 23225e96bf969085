// The email that tells a customer a late-payment penalty was charged: on which invoice, what each
// charge was for (the rule and the overdue invoice it penalizes), the total, that it is due at
// once, and what is due now with the invoices that were already overdue.
import type { IsoDate } from '../billing/calendar.js';
import { add, formatMoney, sumMoney, type Money } from '../billing/money.js';
import { buttonRowsHtml, factLinesText, factRowsHtml, itemLinesText, itemRowsHtml, linkLinesText, oneLine, renderTemplatePair, type Fact } from './email-parts.js';
import { listWords, requireBase, requireMoney, requireOwed, requireText, type CollectionsEmailBase } from './collections-parts.js';
import { formatDisplayDate } from './format-date.js';
import type { RenderedEmail } from './rendered-email.js';

export interface PenaltyLine {
  /** The charge in words, as on the penalty invoice: 'Late payment fee on INV-2026-000123'. */
  description: string;
  /** The overdue invoice the charge is for. */
  forInvoiceNumber: string;
  /** Before tax. */
  amount: Money;
}

export interface PenaltyChargedEmailData extends CollectionsEmailBase {
  /** The penalty invoice the charges are billed on. */
  penaltyInvoiceNumber: string;
  issuedOn: IsoDate;
  /** At least one, all in one currency. */
  lines: PenaltyLine[];
  /** Tax on the charges; null when none is charged. */
  tax: Money | null;
  /** What else is overdue on the account, not counting this penalty invoice; zero when nothing is. */
  otherOverdue: Money;
}

const caller = 'renderPenaltyChargedEmail';

export async function renderPenaltyChargedEmail(data: PenaltyChargedEmailData): Promise<RenderedEmail> {
  requireBase(data, caller);
  requireText(data.penaltyInvoiceNumber, 'penaltyInvoiceNumber', caller);
  const total = totalOf(data);
  requireMoney(data.otherOverdue, 'otherOverdue', caller, total.currency);
  const totalText = formatMoney(total);
  const number = data.penaltyInvoiceNumber;
  const issuedOn = formatDisplayDate(data.issuedOn);
  const rows: Fact[] = [
    ...data.lines.map((line) => ({ label: chargeLabel(line), value: formatMoney(line.amount) })),
    ...(data.tax ? [{ label: 'Tax', value: formatMoney(data.tax) }] : []),
  ];
  const totalRow = { label: 'Total', value: totalText };
  const facts = [
    { label: 'Account', value: data.accountReference },
    { label: 'Invoice', value: number },
    { label: 'Issued', value: issuedOn },
    { label: 'Due', value: 'At once' },
  ];
  const links = [{ label: 'Pay now', url: data.payNowUrl }];
  return renderTemplatePair('penalty-charged', oneLine(`Late payment charge: invoice ${number} for ${totalText}, due now`), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      accountReference: data.accountReference,
      intro: `${introOf(data)}, we have charged ${penaltyWords(data)} your terms provide. ${data.lines.length === 1 ? 'It is' : 'They are'} billed on invoice ${number} of ${issuedOn}.`,
      dueNow: dueNowOf(data, total),
    },
    html: { factRows: factRowsHtml(facts), chargeRows: itemRowsHtml(rows, totalRow), buttons: buttonRowsHtml(links) },
    text: { factLines: factLinesText(facts), chargeLines: itemLinesText(rows, totalRow), linkLines: linkLinesText(links) },
  });
}

/** The lines and the tax, checked to be charges in one currency, added up. */
function totalOf({ lines, tax }: PenaltyChargedEmailData): Money {
  const [first] = lines;
  if (!first) throw new Error(`${caller}: lines must list at least one penalty charged`);
  const currency = first.amount?.currency;
  for (const { description, forInvoiceNumber, amount } of lines) {
    requireText(description, 'lines[].description', caller);
    requireText(forInvoiceNumber, 'lines[].forInvoiceNumber', caller);
    requireOwed(amount, `lines[].amount of "${description}"`, caller, currency);
  }
  if (tax !== null) requireMoney(tax, 'tax', caller, currency);
  const net = sumMoney(lines.map((line) => line.amount), first.amount.currency);
  return tax ? add(net, tax) : net;
}

/**
 * The charge and what it was for. Billing's penalty descriptions already name the invoice
 * ('Late payment fee on INV-2026-0007'); a shorter one gets the invoice added, so it is never lost.
 */
function chargeLabel({ description, forInvoiceNumber }: PenaltyLine): string {
  return description.includes(forInvoiceNumber) ? description : `${description} (invoice ${forInvoiceNumber})`;
}

function penaltyWords({ lines }: PenaltyChargedEmailData): string {
  return lines.length === 1 ? 'the late payment penalty' : 'the late payment penalties';
}

/** 'Because invoice A was not paid by its due date' / 'Because invoices A and B were not paid by their due dates'. */
function introOf({ lines }: PenaltyChargedEmailData): string {
  const invoices = [...new Set(lines.map((line) => line.forInvoiceNumber))];
  const words = listWords(invoices, 'invoice', 'invoices');
  return invoices.length === 1 ? `Because ${words} was not paid by its due date` : `Because ${words} were not paid by their due dates`;
}

function dueNowOf({ penaltyInvoiceNumber, otherOverdue }: PenaltyChargedEmailData, total: Money): string {
  const dueAtOnce = `Invoice ${penaltyInvoiceNumber} is due at once.`;
  if (otherOverdue.amountMinor === 0n) return `${dueAtOnce} Please pay ${formatMoney(total)} now in the customer portal.`;
  return `${dueAtOnce} With your overdue invoices (${formatMoney(otherOverdue)}), ${formatMoney(add(total, otherOverdue))} is due now. Please pay it in the customer portal.`;
}
