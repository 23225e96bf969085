// Renders the JSON Schemas of the OpenAPI document for people: each field with its type,
// whether it is required, its description and constraints; named schemas link to their section.
import type { ReactNode } from 'react';

export type JsonSchema = { [key: string]: unknown };

const COMPONENT_PREFIX = '#/components/schemas/';

export const schemaAnchor = (name: string) => `schema-${name}`;

export function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

/** "string (uuid)", "array of Plan", "Money | null", with named schemas as links. */
export function TypeLabel({ schema }: { schema: JsonSchema }): ReactNode {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(COMPONENT_PREFIX, '');
    return <a href={`#${schemaAnchor(name)}`}>{name}</a>;
  }
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return joined(alternatives.map((alternative, index) => <TypeLabel key={index} schema={alternative} />), ' | ');
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (schema.type === 'array') {
    const items = asSchema(schema.items);
    return <>array of {items ? <TypeLabel schema={items} /> : 'anything'}</>;
  }
  if (typeof schema.type === 'string') return typeof schema.format === 'string' ? `${schema.type} (${schema.format})` : schema.type;
  return 'any JSON';
}

function joined(parts: ReactNode[], separator: string): ReactNode {
  return parts.map((part, index) => (
    <span key={index}>
      {index > 0 ? separator : null}
      {part}
    </span>
  ));
}

function constraintsOf(schema: JsonSchema): string[] {
  const facts: string[] = [];
  const add = (key: string, label: string) => {
    if (schema[key] !== undefined) facts.push(`${label} ${JSON.stringify(schema[key])}`);
  };
  add('minLength', 'min length');
  add('maxLength', 'max length');
  add('minimum', 'min');
  add('maximum', 'max');
  add('pattern', 'pattern');
  add('default', 'default');
  if (Array.isArray(schema.examples)) facts.push(`e.g. ${schema.examples.map((example) => JSON.stringify(example)).join(', ')}`);
  return facts;
}

/** Descriptions mark code with `backticks`, as OpenAPI tools read them. */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}
    </>
  );
}

/** The line under a field: its description and constraints. */
export function FieldNotes({ schema }: { schema: JsonSchema }) {
  const description = typeof schema.description === 'string' ? schema.description : null;
  const constraints = constraintsOf(schema);
  return (
    <>
      {description ? (
        <div>
          <Prose text={description} />
        </div>
      ) : null}
      {constraints.length > 0 ? <div className="hint">{constraints.join(' · ')}</div> : null}
    </>
  );
}

/** An object's fields as a table; nested objects are shown inside their field's row. */
export function SchemaFields({ schema }: { schema: JsonSchema }) {
  const properties = asSchema(schema.properties);
  const alternatives = ((schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined)?.filter((alternative) => asSchema(alternative.properties));
  if (!properties && alternatives?.length) {
    return (
      <>
        <FieldNotes schema={schema} />
        {alternatives.map((alternative, index) => (
          <div key={index}>
            <p>
              <strong>{discriminatorOf(alternative) ?? `Alternative ${index + 1}`}</strong>
            </p>
            <SchemaFields schema={alternative} />
          </div>
        ))}
      </>
    );
  }
  if (!properties) {
    return (
      <p>
        <code>
          <TypeLabel schema={schema} />
        </code>
        <FieldNotes schema={schema} />
      </p>
    );
  }
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Field</th>
          <th>Type</th>
          <th>About</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(properties).map(([name, value]) => {
          const field = asSchema(value) ?? {};
          const nested = asSchema(field.properties) ? field : asSchema(asSchema(field.items)?.properties) ? asSchema(field.items) : undefined;
          return (
            <tr key={name}>
              <td>
                <code>{name}</code>
                {required.has(name) ? <div className="hint">required</div> : null}
              </td>
              <td>
                <code>{nested && nested === field ? 'object' : <TypeLabel schema={field} />}</code>
              </td>
              <td>
                <FieldNotes schema={field} />
                {nested ? <SchemaFields schema={nested} /> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** "When available is true": the field whose constant value tells alternatives apart. */
function discriminatorOf(alternative: JsonSchema): string | null {
  for (const [name, value] of Object.entries(asSchema(alternative.properties) ?? {})) {
    const field = asSchema(value);
    if (field && 'const' in field) return `When ${name} is ${JSON.stringify(field.const)}`;
  }
  return null;
}
