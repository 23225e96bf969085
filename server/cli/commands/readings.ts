// `uplink readings add|list`: readings entered by hand and read back. The file import,
// `uplink readings import FILE`, is its own command (readings-import.ts).
import { ValidationError } from '../../services/errors.js';
import { getMeter, listMeterReadings } from '../../services/readings/meters.js';
import { recordReadings } from '../../services/readings/record-readings.js';
import { isoInstant } from '../../services/readings/read-at.js';
import { readingJson } from '../../views/reading-json.js';
import type { Command } from '../command.js';
import { nextPageHint, pageOptions } from './paging.js';

export const readingsAdd: Command = {
  name: 'readings add',
  summary: 'Record one meter reading by hand.',
  options: {
    meter: { type: 'string', description: 'the meter read', placeholder: '<meter id>', required: true },
    at: { type: 'string', description: 'when it was read: ISO date-time with Z or an offset', placeholder: '<2026-03-01T08:00:00Z>', required: true },
    value: { type: 'string', description: 'what the meter showed', placeholder: '<number>', required: true },
    unit: { type: 'string', description: "the value's unit, if not the meter's (converted, e.g. MB into GB)", placeholder: '<unit>' },
    replacement: { type: 'boolean', description: "cumulative meters: the register was replaced; this is the new one's first reading" },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const meter = await getMeter(ctx, input.option('meter') ?? '');
    const result = await recordReadings(
      ctx.db,
      [{ meterId: meter.id, readAt: input.option('at'), value: input.option('value'), unit: input.option('unit'), replacement: input.flag('replacement') }],
      'manual',
    );
    if (result.errors.length > 0) throw new ValidationError(result.errors.map(({ field, message }) => ({ field: field === 'readAt' ? 'at' : field, message })));
    out.result(result, (print) => {
      if (result.duplicates > 0) print.line('This reading was already stored; nothing changed.');
      else print.line(`Recorded ${input.option('value') ?? ''} ${input.option('unit') ?? meter.unit} on meter "${meter.key}".`);
    });
  },
};

export const readingsList: Command = {
  name: 'readings list',
  summary: "List a meter's readings, newest first, with the consumption each added.",
  options: {
    meter: { type: 'string', description: 'the meter', placeholder: '<meter id>', required: true },
    ...pageOptions,
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const meter = await getMeter(ctx, input.option('meter') ?? '');
    const page = await listMeterReadings(ctx, meter.id, { limit: input.option('limit'), cursor: input.option('cursor') });
    out.result({ items: page.items.map((reading) => readingJson(reading, meter.unit)), nextCursor: page.nextCursor }, (print) => {
      if (page.items.length === 0) {
        print.line(`No readings yet for meter "${meter.key}".`);
        return;
      }
      print.table(
        [{ header: 'READ AT' }, { header: `VALUE (${meter.unit})`, align: 'right' }, { header: 'CONSUMPTION', align: 'right' }, { header: 'SOURCE' }, { header: 'BILLED' }],
        page.items.map((reading) => [
          isoInstant(reading.readAt),
          reading.value + (reading.replacement ? ' (new register)' : ''),
          reading.consumption,
          reading.source,
          reading.invoiceId ? 'yes' : 'no',
        ]),
      );
      nextPageHint(print, page.nextCursor);
    });
  },
};

/** Every `readings` command, in the order `uplink help` lists them. */
export const READINGS_COMMANDS: Command[] = [readingsAdd, readingsList];
