// The options and hint every paginated list shares, mirroring the API's cursor pagination.
import type { OptionSpec } from '../command.js';
import type { HumanPrinter } from '../output.js';

export const pageOptions: Record<string, OptionSpec> = {
  limit: { type: 'string', description: 'how many to show, 1 to 100 (default 25)', placeholder: '<n>' },
  cursor: { type: 'string', description: 'continue after a previous page (its nextCursor)', placeholder: '<cursor>' },
};

export function nextPageHint(print: HumanPrinter, nextCursor: string | null): void {
  if (nextCursor) print.line(`More: add --cursor ${nextCursor}`);
}
