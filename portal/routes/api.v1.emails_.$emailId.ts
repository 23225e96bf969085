// GET /api/v1/emails/:emailId, with the HTML as sent
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getEmail } from '../../server/services/emails/email-records.js';
import { emailDocumentJson } from '../../server/views/email-json.js';

const route = apiRoute(
  implement(endpoints.getEmail, async ({ ctx, params }) => ({ body: emailDocumentJson(await getEmail(ctx, params.emailId)) })),
);

export const loader = route.loader;
export const action = route.action;
