// Payment terms: the company default in the billing settings, and a customer's own terms (with
// their name and email) changed on the customer.
import { customerUpdateSchema } from '../../server/services/customers/customer-changes.js';
import { billingSettingsUpdateSchema } from '../../server/services/settings/billing-settings.js';
import { billingSettingsWire } from '../../server/views/billing-settings-json.js';
import { customerWire } from '../../server/views/customer-json.js';
import { customerParams, documented } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';

export const paymentTermsEndpoints = {
  updateCustomer: defineEndpoint({
    id: 'updateCustomer',
    method: 'PATCH',
    path: '/api/v1/customers/{customerId}',
    tag: 'Customers',
    summary: "Change a customer's name, email or payment terms",
    description:
      'Send only the fields to change. `paymentTermsDays` dates the invoices issued from now on (0 is due on receipt); ' +
      '`null` puts the customer back on the company default. Invoices already issued keep their due dates.',
    authenticated: true,
    params: customerParams,
    body: documented(customerUpdateSchema, {
      paymentTermsDays: { description: 'Days after issue, 0 (due on receipt) to 365; null for the company default.', examples: [30] },
    })
      .strict()
      .refine((changes) => Object.keys(changes).length > 0, 'must change at least one of name, email, paymentTermsDays'),
    response: customerWire,
    successStatus: 200,
  }),

  getSettings: defineEndpoint({
    id: 'getSettings',
    method: 'GET',
    path: '/api/v1/settings',
    tag: 'Settings',
    summary: "The company's billing settings",
    authenticated: true,
    response: billingSettingsWire,
    successStatus: 200,
  }),
  updateSettings: defineEndpoint({
    id: 'updateSettings',
    method: 'PATCH',
    path: '/api/v1/settings',
    tag: 'Settings',
    summary: "Change the company's default payment terms",
    description:
      'The default dates every invoice issued from now on for customers without terms of their own. ' +
      'Invoices already issued keep their due dates.',
    authenticated: true,
    body: billingSettingsUpdateSchema.strict(),
    response: billingSettingsWire,
    successStatus: 200,
  }),
};
