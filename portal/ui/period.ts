import type { IsoDate } from '../../billing/calendar.js';
import { lastDayOfPeriod } from '../../billing/periods.js';
import { formatDate } from './format.js';

/**
 * A billing period as people read it, last day included: periods are stored half-open
 * ([start, end), end being the next period's first day), as the invoice email also shows them.
 */
export function formatPeriod(start: IsoDate | null, end: IsoDate | null): string {
  if (!start || !end) return '—';
  return `${formatDate(start)} – ${formatDate(lastDayOfPeriod({ start, end }))}`;
}
