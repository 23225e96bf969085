// API keys for integrators: create one (its token is shown once, on the answer to the form, and
// never stored), see when each was last used, revoke one that leaked or is no longer needed.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { createApiKey, listApiKeys, revokeApiKey } from '../../server/services/access/api-keys.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { formatDateTime } from '../ui/format.js';
import { EmptyState, FieldError, PageHeader, StatusBadge } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'API keys · Uplink' }];

/** The page that shows a new token must not be kept by any cache. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has('Cache-Control') ? actionHeaders : loaderHeaders);

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const { timeZone } = args.context.settings;
  const keys = await listApiKeys(args.context.services);
  return {
    keys: keys.map((key) => ({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      createdAt: formatDateTime(key.createdAt, timeZone),
      lastUsedAt: key.lastUsedAt ? formatDateTime(key.lastUsedAt, timeZone) : 'never',
      revokedAt: key.revokedAt ? formatDateTime(key.revokedAt, timeZone) : null,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { staff, form } = await staffAction(args);
  const ctx = args.context.services;
  if (form.get('intent') === 'revoke') {
    const result = await withFormErrors(() => revokeApiKey(ctx, String(form.get('keyId') ?? '')));
    if (!result.ok) return result.response;
    return redirectWithNotice(args, '/staff/api-keys', `API key “${result.value.name}” (${result.value.prefix}) revoked: requests with it are refused from now on.`);
  }
  const result = await withFormErrors(() => createApiKey(ctx, { name: form.get('name') }, staff.id));
  if (!result.ok) return result.response;
  // Answered, not redirected: the token must not travel in a URL or a cookie.
  return data(
    { created: { name: result.value.apiKey.name, prefix: result.value.apiKey.prefix, token: result.value.token } },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function ApiKeys() {
  const { keys } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && 'errors' in result ? result.errors : undefined;
  const created = result && 'created' in result ? result.created : undefined;
  return (
    <>
      <PageHeader
        title="API keys"
        subtitle={
          <>
            Bearer tokens for the <Link to="/staff/api-docs">REST API</Link>. Only a hash is stored.
          </>
        }
      />
      {created ? (
        <section className="panel new-token" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">New key “{created.name}”</h2>
          <p className="warning">Copy this token now: it is not stored, and it will not be shown again.</p>
          <code className="token">{created.token}</code>
          <p className="hint">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>. If it is lost, revoke key {created.prefix} and create another.
          </p>
        </section>
      ) : null}
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">Create one below for each system that should call the API.</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Prefix</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}</code>
                </td>
                <td>{key.createdAt}</td>
                <td>{key.lastUsedAt}</td>
                <td>{key.revokedAt ? <StatusBadge status="revoked" /> : <StatusBadge status="active" />}</td>
                <td>
                  {key.revokedAt ? (
                    <span className="hint">revoked {key.revokedAt}</span>
                  ) : (
                    <Form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="keyId" value={key.id} />
                      <button type="submit" className="secondary" aria-label={`Revoke ${key.name}`}>
                        Revoke
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="panel">
        <h2>New API key</h2>
        <Form method="post" className="inline-form">
          <CsrfField />
          <input type="hidden" name="intent" value="create" />
          <label>
            Name (who or what uses it)
            <input name="name" required maxLength={120} placeholder="CRM sync" />
          </label>
          <button type="submit">Create key</button>
        </Form>
        <FieldError errors={errors} field="name" />
        <FieldError errors={errors} field="form" />
      </section>
    </>
  );
}
