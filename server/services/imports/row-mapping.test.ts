import { describe, expect, it } from 'vitest';
import { rawCells } from './row-mapping.js';

describe('rawCells', () => {
  it('keeps a spreadsheet date cell as the wall-clock time it shows, so a corrected file is read in its zone again', () => {
    // exceljs gives a cell showing 2026-04-01 08:30 as that time in UTC fields.
    const cells = ['ada@example.net', new Date(Date.UTC(2026, 3, 1, 8, 30)), 12.5, null];
    expect(JSON.parse(rawCells(cells))).toEqual(['ada@example.net', '2026-04-01 08:30:00', 12.5, null]);
  });
});
