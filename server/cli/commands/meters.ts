// `uplink meters create|list`.
import { createMeter, listMeters } from '../../services/readings/meters.js';
import { meterJson } from '../../views/meter-json.js';
import type { Command } from '../command.js';
import { integerOption } from '../input-values.js';
import { timestamp } from '../output.js';
import { nextPageHint, pageOptions } from './paging.js';

export const metersCreate: Command = {
  name: 'meters create',
  summary: "Add a meter to a customer; rate components name it by its key.",
  options: {
    customer: { type: 'string', description: 'the customer the meter belongs to', placeholder: '<customer id>', required: true },
    key: { type: 'string', description: 'what rate components call it, e.g. data or voice (unique per customer)', placeholder: '<key>', required: true },
    unit: { type: 'string', description: 'the unit readings are stored in, e.g. GB, min, kWh', placeholder: '<unit>', required: true },
    kind: { type: 'string', description: 'cumulative (a register) or delta (each reading is consumption)', placeholder: '<cumulative|delta>', required: true },
    'register-max': { type: 'string', description: 'cumulative: the largest value the register shows before rolling over to 0', placeholder: '<number>' },
    base: { type: 'string', description: 'what a kB is for this meter: 1000 (default) or 1024', placeholder: '<1000|1024>' },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const meter = await createMeter(ctx, {
      customerId: input.option('customer'),
      key: input.option('key'),
      unit: input.option('unit'),
      kind: input.option('kind'),
      registerMax: input.option('register-max'),
      base: integerOption(input.option('base'), 'base'),
    });
    out.result(meterJson(meter), (print) => print.line(`Created ${meter.kind} meter "${meter.key}" in ${meter.unit}, id ${meter.id}`));
  },
};

export const metersList: Command = {
  name: 'meters list',
  summary: 'List meters, newest first.',
  options: {
    customer: { type: 'string', description: "only this customer's meters", placeholder: '<customer id>' },
    ...pageOptions,
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const page = await listMeters(ctx, { customerId: input.option('customer'), limit: input.option('limit'), cursor: input.option('cursor') });
    out.result({ items: page.items.map(meterJson), nextCursor: page.nextCursor }, (print) => {
      if (page.items.length === 0) {
        print.line('No meters match. Add one with `uplink meters create`.');
        return;
      }
      print.table(
        [{ header: 'ID' }, { header: 'CUSTOMER' }, { header: 'KEY' }, { header: 'UNIT' }, { header: 'KIND' }, { header: 'CREATED' }],
        page.items.map((meter) => [meter.id, meter.customerId, meter.key, meter.unit, meter.kind, timestamp(meter.createdAt)]),
      );
      nextPageHint(print, page.nextCursor);
    });
  },
};
