// GET /api/v1/settings, PATCH /api/v1/settings
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getBillingSettings, updateBillingSettings } from '../../server/services/settings/billing-settings.js';
import { billingSettingsJson } from '../../server/views/billing-settings-json.js';

const route = apiRoute(
  implement(endpoints.getSettings, async ({ ctx }) => ({ body: billingSettingsJson(await getBillingSettings(ctx)) })),
  implement(endpoints.updateSettings, async ({ ctx, body }) => ({ body: billingSettingsJson(await updateBillingSettings(ctx, body)) })),
);

export const loader = route.loader;
export const action = route.action;
