// Numbers in readings files: "1234.5", "1,234.5", "1.234,5", "1 234,5" as plain decimal strings.
import type { CellValue } from './row-source.js';

export type DecimalSeparator = '.' | ',';

export type NumberParse = { ok: true; value: string } | { ok: false; reason: string };

export function detectDecimalSeparator(_samples: CellValue[]): DecimalSeparator {
  throw new Error('not implemented yet');
}

export function parseNumberCell(_value: CellValue, _decimalSeparator: DecimalSeparator): NumberParse {
  throw new Error('not implemented yet');
}
