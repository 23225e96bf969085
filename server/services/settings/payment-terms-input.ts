// Payment terms as the services accept them (the company default, a customer's own): whole days
// from 0 (due on receipt) to a year, refused with billing's own sentence.
import { z } from 'zod';
import { MAX_PAYMENT_TERMS_DAYS, paymentTermsProblem } from '../../../billing/payments/payment-terms.js';

const termsRefusal = (issue: { input?: unknown }) => paymentTermsProblem(issue.input) ?? undefined;

/** An integer schema (so the API document says 0..365) whose refusals are paymentTermsProblem's. */
export const paymentTermsDays = z
  .int({ error: termsRefusal })
  .min(0, { error: termsRefusal })
  .max(MAX_PAYMENT_TERMS_DAYS, { error: termsRefusal })
  .meta({ description: 'Days after issue an invoice falls due: 0 (due on receipt) to 365.', examples: [14] });
