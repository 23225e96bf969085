// Dates in readings files: which format a column uses, and each cell as a UTC instant.
import type { CellValue } from './row-source.js';

export type DateFormat =
  | 'iso'
  | 'YYYY-MM-DD HH:mm'
  | 'DD/MM/YYYY'
  | 'MM/DD/YYYY'
  | 'DD.MM.YYYY'
  | 'DD-MM-YYYY'
  | 'unix-seconds'
  | 'unix-milliseconds'
  | 'excel-serial'
  | 'date-cell';

export interface DateFormatDetection {
  format: DateFormat;
  /** True when the samples fit more than one format equally well (e.g. 03/04/2026): ask the user. */
  ambiguous: boolean;
  /** Every format all samples fit, best first. */
  candidates: DateFormat[];
}

export type DateParse = { ok: true; iso: string } | { ok: false; reason: string };

export function detectDateFormat(_samples: CellValue[]): DateFormatDetection {
  throw new Error('not implemented yet');
}

export function parseDateCell(_value: CellValue, _format: DateFormat, _timeZone: string): DateParse {
  throw new Error('not implemented yet');
}
