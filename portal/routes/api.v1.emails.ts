// GET /api/v1/emails?customerId=&status=
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { listEmails } from '../../server/services/emails/email-records.js';
import { emailJson } from '../../server/views/email-json.js';

const route = apiRoute(
  implement(endpoints.listEmails, async ({ ctx, query }) => {
    const page = await listEmails(ctx, query);
    return { body: { items: page.items.map(emailJson), nextCursor: page.nextCursor } };
  }),
);

export const loader = route.loader;
export const action = route.action;
