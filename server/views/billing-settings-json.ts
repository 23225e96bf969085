// The company's billing settings as JSON, for the API and `--json`.
import { z } from 'zod';
import type { BillingSettings } from '../services/settings/billing-settings.js';

export const billingSettingsWire = z
  .object({
    defaultPaymentTermsDays: z
      .int()
      .meta({ description: 'Days after issue an invoice falls due for customers without terms of their own; 0 is due on receipt.' }),
  })
  .meta({ id: 'BillingSettings' });

export function billingSettingsJson(settings: BillingSettings): z.input<typeof billingSettingsWire> {
  return { defaultPaymentTermsDays: settings.defaultPaymentTermsDays };
}
