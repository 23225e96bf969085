// What a credit note takes back from each line of an invoice. Amounts asked for are net; the tax
// that goes with them is the line's tax in proportion, rounded once, half to even, on the running
// total credited, so that crediting what remains of a line gives back exactly the tax that remains
// and the tax credited never exceeds the tax charged.
//
// An invoice may carry negative lines (a late-reading adjustment that takes money off). Credit
// notes never take back more than the invoice's total, net and tax: a named line is credited at
// most up to what is still open on the whole invoice, a negative line is reversed only with the
// whole invoice, and the whole-invoice credit reverses every line's remainder, negative ones
// included, so that it totals exactly what is still open.
import { formatMoney, money, type Money } from './money.js';
import { BillingDecimal, roundDecimalHalfEven } from './rounding.js';

export interface CreditableLine {
  /** The line's position on the invoice, as people refer to it. */
  position: number;
  description: string;
  revenueAccountCode: string;
  /** What the invoice charged on this line, net and tax. */
  net: Money;
  tax: Money;
  /** What earlier credit notes already took back from it. */
  creditedNet: Money;
  creditedTax: Money;
}

/** A request to credit `amountMinor` (net) of the line at `position`; the whole remainder when omitted. */
export interface CreditRequest {
  position: number;
  amountMinor?: bigint;
}

export interface CreditedLine {
  position: number;
  description: string;
  revenueAccountCode: string;
  net: Money;
  tax: Money;
}

export interface CreditProblem {
  /** e.g. "lines[0].amountMinor", as the request named it. */
  field: string;
  message: string;
}

/** `nothingLeft`: the invoice is credited in full already, a refusal for its state rather than for the request. */
export type CreditPlan = { ok: true; lines: CreditedLine[] } | { ok: false; problems: CreditProblem[]; nothingLeft: boolean };

/** What is still open on a line: charged minus credited, net and tax. */
export function remainingOnLine(line: CreditableLine): { net: Money; tax: Money } {
  return {
    net: money(line.net.amountMinor - line.creditedNet.amountMinor, line.net.currency),
    tax: money(line.tax.amountMinor - line.creditedTax.amountMinor, line.tax.currency),
  };
}

/**
 * The tax that goes with crediting `netAmount` more of a line: the line's tax × (credited so far +
 * this) / its net, rounded once, less the tax already credited.
 */
export function taxForCredit(line: CreditableLine, netAmount: bigint): Money {
  const { net, tax, creditedNet, creditedTax } = line;
  if (net.amountMinor === 0n) return money(0n, tax.currency);
  const creditedAfter = new BillingDecimal((creditedNet.amountMinor + netAmount).toString());
  const taxAfter = roundDecimalHalfEven(creditedAfter.times(tax.amountMinor.toString()).dividedBy(net.amountMinor.toString()));
  return money(taxAfter - creditedTax.amountMinor, tax.currency);
}

/**
 * The lines a credit note takes back. Without `requests`, all that remains of every line (the
 * whole invoice, or what earlier credit notes left of it). With them, each named line, for the
 * amount asked or its whole remainder. Refuses unknown lines, a line named twice, negative lines,
 * amounts not above zero or above what remains of the line or of the invoice, and a credit that
 * would take back nothing.
 */
export function planCredit(lines: readonly CreditableLine[], requests?: readonly CreditRequest[]): CreditPlan {
  if (requests === undefined) {
    const open = lines.filter((line) => remainingOnLine(line).net.amountMinor !== 0n || remainingOnLine(line).tax.amountMinor !== 0n);
    const credited = open.map((line) => ({ ...describe(line), ...remainingOnLine(line) }));
    const total = credited.reduce((sum, line) => sum + line.net.amountMinor + line.tax.amountMinor, 0n);
    if (total <= 0n) return { ok: false, problems: [{ field: 'lines', message: 'nothing is left to credit on this invoice' }], nothingLeft: true };
    return { ok: true, lines: credited };
  }

  if (requests.length === 0) {
    return { ok: false, problems: [{ field: 'lines', message: 'must name at least one line, or be left out to credit the whole invoice' }], nothingLeft: false };
  }
  const problems: CreditProblem[] = [];
  const credited: CreditedLine[] = [];
  const seen = new Set<number>();
  requests.forEach((request, i) => {
    const line = lines.find((candidate) => candidate.position === request.position);
    if (!line) {
      problems.push({ field: `lines[${i}].position`, message: `the invoice has no line ${request.position}` });
      return;
    }
    if (seen.has(request.position)) {
      problems.push({ field: `lines[${i}].position`, message: `line ${request.position} is named twice` });
      return;
    }
    seen.add(request.position);
    if (line.net.amountMinor < 0n) {
      problems.push({
        field: `lines[${i}].position`,
        message: `line ${request.position} takes money off the invoice (${formatMoney(line.net)}); it is reversed only when the whole invoice is credited`,
      });
      return;
    }
    const remaining = remainingOnLine(line);
    if (remaining.net.amountMinor <= 0n) {
      problems.push({ field: `lines[${i}].position`, message: `nothing is left to credit on line ${request.position}` });
      return;
    }
    const amount = request.amountMinor ?? remaining.net.amountMinor;
    if (amount <= 0n) {
      problems.push({ field: `lines[${i}].amountMinor`, message: 'must be more than zero' });
      return;
    }
    if (amount > remaining.net.amountMinor) {
      problems.push({
        field: `lines[${i}].amountMinor`,
        message: `must be at most ${remaining.net.amountMinor}, what remains to be credited on line ${request.position} (${formatMoney(remaining.net)} net)`,
      });
      return;
    }
    credited.push({ ...describe(line), net: money(amount, line.net.currency), tax: taxForCredit(line, amount) });
  });
  if (problems.length > 0) return { ok: false, problems, nothingLeft: false };
  const beyondInvoice = creditBeyondInvoice(lines, requests, credited);
  if (beyondInvoice) return { ok: false, problems: [beyondInvoice], nothingLeft: false };
  return { ok: true, lines: credited };
}

/** What is still open on the whole invoice, net and tax: every line's remainder, negative ones included. */
export function openOnInvoice(lines: readonly CreditableLine[], currency: string): { net: Money; tax: Money } {
  const remainders = lines.map(remainingOnLine);
  return {
    net: money(remainders.reduce((sum, r) => sum + r.net.amountMinor, 0n), currency),
    tax: money(remainders.reduce((sum, r) => sum + r.tax.amountMinor, 0n), currency),
  };
}

/**
 * The refusal of named lines that together would take back more net or more tax than is still
 * open on the invoice (its negative lines take off part of what its positive lines charged), or
 * null when they fit. A single line is told the largest amount it can still be credited.
 */
function creditBeyondInvoice(lines: readonly CreditableLine[], requests: readonly CreditRequest[], credited: readonly CreditedLine[]): CreditProblem | null {
  const first = credited[0];
  if (!first) return null;
  const open = openOnInvoice(lines, first.net.currency);
  const askedNet = money(credited.reduce((sum, line) => sum + line.net.amountMinor, 0n), first.net.currency);
  const askedTax = money(credited.reduce((sum, line) => sum + line.tax.amountMinor, 0n), first.net.currency);
  if (askedNet.amountMinor <= open.net.amountMinor && askedTax.amountMinor <= open.tax.amountMinor) return null;
  const stillOpen = `${formatMoney(open.net)} net and ${formatMoney(open.tax)} tax`;
  if (credited.length > 1) {
    return {
      field: 'lines',
      message: `would take back ${formatMoney(askedNet)} net and ${formatMoney(askedTax)} tax, more than is still open on the invoice (${stillOpen})`,
    };
  }
  const line = lines.find((candidate) => candidate.position === first.position)!;
  const index = requests.findIndex((request) => request.position === first.position);
  const most = largestCreditWithin(line, open);
  if (most <= 0n) {
    return { field: `lines[${index}].position`, message: `cannot be credited: nothing is still open on the invoice (${stillOpen})` };
  }
  return { field: `lines[${index}].amountMinor`, message: `must be at most ${most}, what is still open on the invoice (${stillOpen})` };
}

/**
 * The largest net amount of `line` whose credit, with its tax, fits in what is open on the invoice.
 * The tax credited grows with the amount (a line's tax is never negative when its net is not), so
 * the tax limit is found by halving.
 */
function largestCreditWithin(line: CreditableLine, open: { net: Money; tax: Money }): bigint {
  const byNet = [remainingOnLine(line).net.amountMinor, open.net.amountMinor].reduce((a, b) => (a < b ? a : b));
  const fits = (amount: bigint) => taxForCredit(line, amount).amountMinor <= open.tax.amountMinor;
  if (byNet <= 0n || fits(byNet)) return byNet;
  if (!fits(0n)) return 0n;
  let low = 0n; // fits
  let high = byNet; // does not
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

function describe(line: CreditableLine) {
  return { position: line.position, description: line.description, revenueAccountCode: line.revenueAccountCode };
}
