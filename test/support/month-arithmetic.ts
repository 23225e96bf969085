// An independent statement of the monthly anniversary rule for tests: the boundary in a month is
// the anchor day, or the month's last day when the month is shorter. Written with Date.UTC so it
// does not share code with billing/periods.ts, which it checks.
export function monthlyBoundary(startYear: number, startMonth1: number, monthsLater: number, anchorDay: number): string {
  const monthIndex = startMonth1 - 1 + monthsLater;
  const year = startYear + Math.floor(monthIndex / 12);
  const month0 = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  const day = Math.min(anchorDay, lastDay);
  return `${year}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}


export function daysBetweenUtc(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
