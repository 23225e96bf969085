import type { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES, searchAttributeIndexedValueTypes } from './search-attributes.js';

/**
 * Makes the server's custom search attributes match SEARCH_ATTRIBUTES: adds missing ones and
 * refuses ones registered with another type. Needed because `temporal server start-dev` applies
 * its --search-attribute flags only when it creates the database, so an attribute added to our
 * list later would otherwise never reach an existing dev database. Returns the names it added.
 */
export async function registerMissingSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const registered: Record<string, number> = customAttributes ?? {};
  const missing: Record<string, number> = {};
  const conflicts: string[] = [];
  for (const [name, type] of Object.entries(searchAttributeIndexedValueTypes())) {
    const existing = registered[name];
    if (existing === undefined) missing[name] = type;
    else if (existing !== type) conflicts.push(name);
  }
  if (conflicts.length > 0) {
    throw new Error(
      `Search attribute(s) ${conflicts.join(', ')} exist on the server with another type than ` +
        `${conflicts.map((name) => `${name}=${SEARCH_ATTRIBUTES[name as keyof typeof SEARCH_ATTRIBUTES]}`).join(', ')}. ` +
        'Temporal cannot change a type in place: give the attribute a new name, or start from an empty data folder.',
    );
  }
  if (Object.keys(missing).length > 0) {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  }
  return Object.keys(missing);
}
