// The REST API for staff and integrators: every endpoint grouped as in the OpenAPI document,
// with its parameters, request body and responses, and the named schemas they use. Rendered on
// the server from the same document `GET /api/v1/openapi.json` serves.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { FieldNotes, Prose, SchemaFields, TypeLabel, asSchema, schemaAnchor, type JsonSchema } from '../api/json-schema-view.js';
import { openApiDocument, type OpenApiOperation } from '../api/openapi.server.js';
import { PROBLEM_TYPES, problemTypeUri, type ProblemSlug } from '../api/problem.server.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'REST API · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  // The configured address, as in the OpenAPI document: the Host header is the client's to choose.
  const document = openApiDocument(args.context.settings.portalUrl);
  const baseUrl = document.servers[0]?.url ?? '';
  const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );
  return {
    baseUrl,
    description: document.info.description,
    groups: document.tags.map(({ name }) => ({ name, operations: operations.filter(({ operation }) => operation.tags.includes(name)) })),
    schemas: document.components.schemas,
    problems: Object.entries(PROBLEM_TYPES).map(([slug, { status, title }]) => ({ type: problemTypeUri(slug as ProblemSlug), status, title })),
  };
}

const operationAnchor = (method: string, path: string) => `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function Operation({ method, path, operation }: { method: string; path: string; operation: OpenApiOperation }) {
  const body = Object.values(operation.requestBody?.content ?? {})[0]?.schema as JsonSchema | undefined;
  return (
    <section className="panel" id={operationAnchor(method, path)}>
      <h3>
        <span className={`badge method-${method.toLowerCase()}`}>{method}</span> <code>{path}</code>
      </h3>
      <p>
        <strong>{operation.summary}</strong>
        {operation.security.length === 0 ? <span className="hint"> · no API key needed</span> : null}
      </p>
      {operation.description ? (
        <p>
          <Prose text={operation.description} />
        </p>
      ) : null}
      {operation.parameters.length > 0 ? (
        <>
          <h4>Parameters</h4>
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>In</th>
                <th>Type</th>
                <th>About</th>
              </tr>
            </thead>
            <tbody>
              {operation.parameters.map((parameter) => (
                <tr key={`${parameter.in}-${parameter.name}`}>
                  <td>
                    <code>{parameter.name}</code>
                    {parameter.required ? <div className="hint">required</div> : null}
                  </td>
                  <td>{parameter.in}</td>
                  <td>
                    <code>
                      <TypeLabel schema={parameter.schema} />
                    </code>
                  </td>
                  <td>
                    <FieldNotes schema={{ ...parameter.schema, description: parameter.description }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {body ? (
        <>
          <h4>Request body (JSON)</h4>
          <SchemaFields schema={body} />
        </>
      ) : null}
      <h4>Responses</h4>
      <table className="table">
        <tbody>
          {Object.entries(operation.responses).map(([status, response]) => {
            const schema = response.content?.['application/json']?.schema as JsonSchema | undefined;
            return (
              <tr key={status}>
                <td className="number">{status}</td>
                <td>
                  <Prose text={response.description} />
                  {schema ? (
                    <div>
                      <code>
                        <ResponseType schema={schema} />
                      </code>
                    </div>
                  ) : null}
                  {response.$ref ? <div className="hint">a problem, application/problem+json</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** A list answer, `{items, nextCursor}`, reads best as "page of Plan". */
function ResponseType({ schema }: { schema: JsonSchema }) {
  const items = asSchema(asSchema(schema.properties)?.items);
  const item = asSchema(items?.items);
  if (!item) return <TypeLabel schema={schema} />;
  return (
    <>
      page of <TypeLabel schema={item} /> <span className="hint">{'{items, nextCursor}'}</span>
    </>
  );
}

export default function ApiDocs() {
  const { baseUrl, description, groups, schemas, problems } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="REST API"
        subtitle={
          <>
            Base URL <code>{baseUrl}</code> · the machine-readable document is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1)
          </>
        }
      />
      <section className="panel">
        <p>
          <Prose text={description} />
        </p>
        <p className="hint">Create API keys under API keys; a key is shown once. Send it as <code>Authorization: Bearer upk_…</code>.</p>
        <nav aria-label="Endpoints">
          {groups.map((group) => (
            <div key={group.name}>
              <strong>{group.name}</strong>:{' '}
              {group.operations.map(({ method, path }, index) => (
                <span key={`${method} ${path}`}>
                  {index > 0 ? ' · ' : null}
                  <a href={`#${operationAnchor(method, path)}`}>
                    {method} {path}
                  </a>
                </span>
              ))}
            </div>
          ))}
        </nav>
      </section>

      {groups.map((group) => (
        <section key={group.name}>
          <h2>{group.name}</h2>
          {group.operations.map(({ method, path, operation }) => (
            <Operation key={`${method} ${path}`} method={method} path={path} operation={operation as OpenApiOperation} />
          ))}
        </section>
      ))}

      <h2>Schemas</h2>
      {Object.entries(schemas).map(([name, schema]) => (
        <section className="panel" key={name} id={schemaAnchor(name)}>
          <h3>{name}</h3>
          <SchemaFields schema={schema as JsonSchema} />
        </section>
      ))}

      <h2>Problems</h2>
      <table className="table">
        <thead>
          <tr>
            <th className="number">Status</th>
            <th>type</th>
            <th>title</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem) => (
            <tr key={problem.type}>
              <td className="number">{problem.status}</td>
              <td>
                <code>{problem.type}</code>
              </td>
              <td>{problem.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
