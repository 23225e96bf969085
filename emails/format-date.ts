const monthNames = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/**
 * '2026-03-01' → '1 March 2026'. The month in words so no reader takes 03/01 for 3 January; built from
 * the string's parts, not a Date, so the server's time zone can never shift the day.
 */
export function formatDisplayDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? monthNames[Number(match[2]) - 1] : undefined;
  const day = match ? Number(match[3]) : 0;
  if (!match || !month || day < 1 || day > 31) throw new Error(`formatDisplayDate: expected a YYYY-MM-DD date, got "${isoDate}"`);
  return `${day} ${month} ${match[1]}`;
}
