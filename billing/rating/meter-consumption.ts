// What one meter reading consumes. Fixed when the reading is stored, so that a register's
// difference is computed once, against the reading that really came before it.
import { NUMERIC_LIMITS, parsePlainDecimal, quoteForMessage } from '../decimal-text.js';
import { BillingDecimal } from '../rounding.js';

export interface MeterRules {
  /** `cumulative`: a register whose differences are the consumption; `delta`: each reading is one. */
  kind: 'cumulative' | 'delta';
  /** The largest value a cumulative register shows before it rolls over to 0; null when it never does. */
  registerMax: string | null;
}

export type ReadingConsumption = { ok: true; consumption: string } | { ok: false; reason: string };

type Decimal = InstanceType<typeof BillingDecimal>;

/**
 * The consumption of `reading`, given the meter's previous reading (null for the first one).
 * A rejected reading carries the reason in words staff can act on; nothing here throws on bad data.
 */
export function readingConsumption(
  meter: MeterRules,
  previous: { readAt: string; value: string } | null,
  reading: { value: string; replacement: boolean },
): ReadingConsumption {
  const value = parse(reading.value);
  if (!value) return rejected(`the reading ${show(reading.value)} is not a number such as "12.5"`);
  if (meter.kind === 'delta') {
    if (value.isNegative() && !value.isZero()) {
      return rejected(`the reading ${reading.value} is negative: a delta meter's reading is the consumption itself`);
    }
    return consumed(value);
  }
  return registerConsumption(meter, previous, reading.value, value, reading.replacement);
}

function registerConsumption(
  meter: MeterRules,
  previous: { readAt: string; value: string } | null,
  shown: string,
  value: Decimal,
  replacement: boolean,
): ReadingConsumption {
  if (value.isNegative() && !value.isZero()) return rejected(`the reading ${shown} is negative: a register never shows less than 0`);
  const max = meter.registerMax === null ? null : parse(meter.registerMax);
  if (meter.registerMax !== null && (!max || max.lte(0))) {
    return rejected(`the meter's registerMax ${show(meter.registerMax)} is not a positive number`);
  }
  if (max && value.gt(max)) return rejected(`the reading ${shown} is above the register's maximum ${meter.registerMax}`);
  // The first reading of a register, or of a new one after a replacement, is where counting starts.
  if (previous === null || replacement) return consumed(new BillingDecimal(0));
  const before = parse(previous.value);
  if (!before) return rejected(`the previous reading ${show(previous.value)} at ${previous.readAt} is not a number`);
  if (value.gte(before)) return consumed(value.minus(before));
  if (max === null) {
    return rejected(
      `the reading ${shown} is below the previous reading ${previous.value} at ${previous.readAt}: ` +
        `mark it as a meter replacement if the meter was replaced, or set the meter's registerMax if its register rolls over`,
    );
  }
  if (before.gt(max)) {
    return rejected(`the previous reading ${previous.value} at ${previous.readAt} is above the register's maximum ${meter.registerMax}`);
  }
  // The register counted up to its maximum, rolled to 0, then counted up to the new value.
  return consumed(max.plus(1).minus(before).plus(value));
}

// Readings are held to their own limits where they enter (server/services/readings); here any
// value Postgres can store is a number.
function parse(text: string): Decimal | null {
  const parsed = parsePlainDecimal(text, NUMERIC_LIMITS);
  return parsed.ok ? new BillingDecimal(parsed.value) : null;
}

const show = (text: unknown) => quoteForMessage(text);

function consumed(amount: Decimal): ReadingConsumption {
  return { ok: true, consumption: amount.isZero() ? '0' : amount.toFixed() };
}

function rejected(reason: string): ReadingConsumption {
  return { ok: false, reason };
}
