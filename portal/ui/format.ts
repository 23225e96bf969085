// How the staff pages show amounts and dates: money in its own currency, never converted or
// rounded; calendar dates (billing periods) as written; instants in the configured time zone.
import { formatMoney, type Money } from '../../billing/money.js';

export function formatAmount(amount: Money): string {
  return formatMoney(amount, 'en-GB');
}

/** A billing date such as 2026-03-31: a calendar day, the same in every time zone. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

/** A moment (an email sent, a key used), shown in the installation's time zone. */
export function formatDateTime(instant: Date | string | null | undefined, timeZone: string): string {
  if (!instant) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(instant));
}
