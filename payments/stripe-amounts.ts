// Stripe counts amounts in "the smallest currency unit", which for a few currencies is not the
// ISO 4217 minor unit our ledger uses: ISK has no minor unit in ISO 4217 but Stripe still wants
// it in hundredths, and Stripe counts MGA in whole ariary though ISO 4217 gives it two digits.
// Every amount crossing to or from Stripe goes through here, so an ISK invoice is not charged
// at a hundredth of its price.
import { money, type Money } from '../billing/money.js';
import { divideRoundHalfEven } from '../billing/rounding.js';

/** How many of Stripe's units make one of ours (toStripe), and how many of ours one of Stripe's (fromStripe). */
const STRIPE_SCALE: Readonly<Record<string, { toStripe: bigint; fromStripe: bigint }>> = {
  ISK: { toStripe: 100n, fromStripe: 1n },
  MGA: { toStripe: 1n, fromStripe: 100n },
};

export function toStripeAmount(amount: Money): { amount: number; currency: string } {
  const scale = STRIPE_SCALE[amount.currency];
  let units = amount.amountMinor;
  if (scale) {
    if (units % scale.fromStripe !== 0n) {
      throw new RangeError(`Stripe cannot charge ${amount.amountMinor} minor units of ${amount.currency}: it counts whole units of ${scale.fromStripe}`);
    }
    units = (units / scale.fromStripe) * scale.toStripe;
  }
  if (units > BigInt(Number.MAX_SAFE_INTEGER) || units < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${amount.amountMinor} ${amount.currency} is beyond any amount Stripe takes`);
  }
  return { amount: Number(units), currency: amount.currency.toLowerCase() };
}

/**
 * Stripe's integer amount and lower-case currency as our Money. A fee Stripe computes in ISK
 * hundredths is rounded (half-even) to the whole krona our ledger can hold.
 */
export function fromStripeAmount(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Stripe sent an amount that is not an integer: ${amount}`);
  const code = currency.toUpperCase();
  const scale = STRIPE_SCALE[code];
  let units = BigInt(amount);
  if (scale) units = divideRoundHalfEven(units, scale.toStripe) * scale.fromStripe;
  return money(units, code);
}
