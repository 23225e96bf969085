// `uplink rates create|list`.
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../../services/errors.js';
import { createRate, listRates, type Rate } from '../../services/rates/rates.js';
import { rateJson } from '../../views/rate-json.js';
import type { Command } from '../command.js';
import { timestamp } from '../output.js';
import { nextPageHint, pageOptions } from './paging.js';

/** The components JSON from a file, or from stdin with `-`. */
async function readComponents(source: string, stdin: NodeJS.ReadableStream): Promise<unknown> {
  let text: string;
  try {
    if (source === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      text = Buffer.concat(chunks).toString('utf8');
    } else {
      text = await readFile(source, 'utf8');
    }
  } catch (error) {
    throw new ValidationError([{ field: 'components', message: `cannot read ${source}: ${(error as Error).message}` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError([{ field: 'components', message: `${source === '-' ? 'stdin' : source} is not valid JSON: ${(error as Error).message}` }]);
  }
}

const componentSummary = (rate: Rate) => rate.components.map((component) => `${component.name} (${component.type})`).join(', ');

export const ratesCreate: Command = {
  name: 'rates create',
  summary: 'Create a rate: a price list of components (fixed, per_day, stepped, volume, package).',
  options: {
    name: { type: 'string', description: 'the name staff and invoices show', placeholder: '<text>', required: true },
    currency: { type: 'string', description: 'ISO 4217 code, e.g. EUR', placeholder: '<code>', required: true },
    components: { type: 'string', description: 'a JSON file with the array of components, or - to read it from stdin', placeholder: '<file|->', required: true },
    'revenue-account-code': { type: 'string', description: 'income account the charges are booked to (default 4100)', placeholder: '<code>' },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const components = await readComponents(input.option('components') ?? '', input.stdin);
    const rate = await createRate(ctx, {
      name: input.option('name'),
      currency: input.option('currency'),
      components,
      revenueAccountCode: input.option('revenue-account-code'),
    });
    out.result(rateJson(rate), (print) => print.line(`Created rate ${rate.name} (${rate.currency}: ${componentSummary(rate)}), id ${rate.id}`));
  },
};

export const ratesList: Command = {
  name: 'rates list',
  summary: 'List rates, newest first.',
  options: pageOptions,
  temporal: 'none',
  async run(input, { ctx }, out) {
    const page = await listRates(ctx, { limit: input.option('limit'), cursor: input.option('cursor') });
    out.result({ items: page.items.map(rateJson), nextCursor: page.nextCursor }, (print) => {
      if (page.items.length === 0) {
        print.line('No rates yet. Create one with `uplink rates create`.');
        return;
      }
      print.table(
        [{ header: 'ID' }, { header: 'NAME' }, { header: 'CURRENCY' }, { header: 'COMPONENTS' }, { header: 'CREATED' }],
        page.items.map((rate) => [rate.id, rate.name, rate.currency, componentSummary(rate), timestamp(rate.createdAt)]),
      );
      nextPageHint(print, page.nextCursor);
    });
  },
};
