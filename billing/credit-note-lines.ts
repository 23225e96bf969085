// What a credit note takes back from each line of an invoice. Amounts asked for are net; the tax
// that goes with them is the line's tax in proportion, rounded once, half to even, on the running
// total credited, so that crediting what remains of a line gives back exactly the tax that remains
// and the tax credited never exceeds the tax charged.
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
 * amount asked or its whole remainder. Refuses unknown lines, a line named twice, amounts not
 * above zero or above what remains, and a credit that would take back nothing.
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
  return { ok: true, lines: credited };
}

function describe(line: CreditableLine) {
  return { position: line.position, description: line.description, revenueAccountCode: line.revenueAccountCode };
}
