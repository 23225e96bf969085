// The company's billing settings staff change from the settings page, the API and the CLI: for
// now the default payment terms every customer without their own gets.
import { z } from 'zod';
import { defaultPaymentTermsDays, setDefaultPaymentTermsDays } from '../../../db/records/payment-terms.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../errors.js';
import { paymentTermsDays } from './payment-terms-input.js';

export const billingSettingsUpdateSchema = z.object({
  /** Applies to invoices issued from now on; invoices already issued keep their due dates. */
  defaultPaymentTermsDays: paymentTermsDays,
});

export interface BillingSettings {
  defaultPaymentTermsDays: number;
}

export async function getBillingSettings(ctx: ServiceContext): Promise<BillingSettings> {
  return { defaultPaymentTermsDays: await defaultPaymentTermsDays(ctx.db) };
}

export async function updateBillingSettings(ctx: ServiceContext, input: unknown): Promise<BillingSettings> {
  const changes = parseInput(billingSettingsUpdateSchema, input);
  await setDefaultPaymentTermsDays(ctx.db, changes.defaultPaymentTermsDays);
  return getBillingSettings(ctx);
}
