// The unit price column of an invoice line, the same in the staff pages and the CLI.
import { formatMoney, formatUnitPrice } from '../../billing/money-format.js';
import type { InvoiceLineView } from '../services/invoices/invoice-records.js';

/** "€49.00", "€0.00045" for a sub-cent price, "—" when no single price applies (ranges). */
export function formatLineUnitPrice(line: Pick<InvoiceLineView, 'unitAmount' | 'unitAmountDecimal' | 'amount'>, locale = 'en-US'): string {
  if (line.unitAmount) return formatMoney(line.unitAmount, locale);
  if (line.unitAmountDecimal) return formatUnitPrice(line.unitAmountDecimal, line.amount.currency, locale);
  return '—';
}
