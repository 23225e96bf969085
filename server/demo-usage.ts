// Demo consumption for the business customers: a rate with every kind of component, three meters
// (data and voice counted per day, colocation power as a cumulative register) and a reading a day
// since their service began, so their invoices show rated usage from the first one.
import type { RateComponent } from '../billing/rating/components.js';
import { addDays, daysBetween, type IsoDate } from '../billing/calendar.js';
import { customerRates, meterReadings, meters, rates } from '../db/schema.js';
import type { ServiceContext } from './services/context.js';

export const DEMO_RATE_COMPONENTS: RateComponent[] = [
  { type: 'fixed', name: 'Managed router', amount: 1500 },
  { type: 'per_day', name: 'Static IP block', amount: 20 },
  {
    type: 'stepped',
    name: 'Data transfer',
    meter: 'data',
    ranges: [
      { upTo: 500, unitAmountDecimal: '0' },
      { upTo: 2000, unitAmountDecimal: '2.5' },
      { upTo: null, unitAmountDecimal: '1.2' },
    ],
  },
  { type: 'package', name: 'Voice minutes', meter: 'voice', packageSize: 100, amount: 500, freeUnits: 200 },
  {
    type: 'volume',
    name: 'Colocation power',
    meter: 'power',
    ranges: [
      { upTo: 100, unitAmountDecimal: '25' },
      { upTo: null, unitAmountDecimal: '20', flatAmount: 500 },
    ],
    minimumAmount: 2000,
  },
];

export async function insertDemoRate(ctx: ServiceContext) {
  const [rate] = await ctx.db.insert(rates).values({ name: 'Business Data & Voice', currency: 'EUR', components: DEMO_RATE_COMPONENTS }).returning();
  return rate!;
}

/** Deterministic daily figures, so every demo install shows the same invoices. */
const wave = (day: number, low: number, spread: number) => low + ((day * 37) % (spread + 1));

/** Puts the customer on the rate from `startDate` and records a reading a day up to `today`. */
export async function seedDemoUsage(ctx: ServiceContext, customerId: string, rateId: string, startDate: IsoDate, today: IsoDate) {
  await ctx.db.insert(customerRates).values({ customerId, rateId, effectiveFrom: startDate });
  const created = await ctx.db
    .insert(meters)
    .values([
      { customerId, key: 'data', unit: 'GB', kind: 'delta' },
      { customerId, key: 'voice', unit: 'min', kind: 'delta' },
      { customerId, key: 'power', unit: 'kWh', kind: 'cumulative', registerMax: '99999' },
    ])
    .returning();
  const meterId = (key: string) => created.find((meter) => meter.key === key)!.id;

  const readings: (typeof meterReadings.$inferInsert)[] = [];
  let register = 41_250;
  for (let day = 0; day < daysBetween(startDate, today); day += 1) {
    const readAt = `${addDays(startDate, day)}T23:00:00Z`;
    const data = String(wave(day, 20, 60));
    const voice = String(wave(day, 5, 25));
    const power = wave(day, 3, 3);
    readings.push({ meterId: meterId('data'), readAt, value: data, consumption: data, source: 'manual' });
    readings.push({ meterId: meterId('voice'), readAt, value: voice, consumption: voice, source: 'manual' });
    // The first register reading is the baseline; each later one consumes the difference.
    readings.push({ meterId: meterId('power'), readAt, value: String(register + power), consumption: day === 0 ? '0' : String(power), source: 'manual' });
    register += power;
  }
  for (let i = 0; i < readings.length; i += 1000) await ctx.db.insert(meterReadings).values(readings.slice(i, i + 1000));
}
