import type { SearchAttributeType } from '@temporalio/common';
import { defineSearchAttributeKey } from '@temporalio/common';
import {
  encodeSearchAttributeIndexedValueType,
  type SearchAttributeKey,
} from '@temporalio/common/lib/search-attributes.js';

/**
 * Server-side registration list of our custom search attributes, with the type names the
 * `temporal` CLI accepts. Workflow code declares its own typed keys (workflows/ may not import
 * server/), so keep the two in step.
 * The CLI's --search-attribute flags only count when it creates the database; on later starts
 * `startTemporalDevServer` adds what is missing and refuses a changed type.
 */
export const SEARCH_ATTRIBUTES = {
  CustomerId: 'Keyword',
  AccountStatus: 'Keyword',
  DunningStage: 'Keyword',
  BillingDay: 'Int',
  BillingBlocked: 'Bool',
} as const satisfies Record<string, CliSearchAttributeType>;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;

/** Type names as spelled by `temporal server start-dev --search-attribute NAME=TYPE`. */
export type CliSearchAttributeType = keyof typeof SDK_TYPE_BY_CLI_TYPE;

const SDK_TYPE_BY_CLI_TYPE = {
  Text: 'TEXT',
  Keyword: 'KEYWORD',
  Int: 'INT',
  Double: 'DOUBLE',
  Bool: 'BOOL',
  Datetime: 'DATETIME',
  KeywordList: 'KEYWORD_LIST',
} as const satisfies Record<string, SearchAttributeType>;

/** `--search-attribute NAME=TYPE` pairs for `temporal server start-dev`. */
export function searchAttributeCliArgs(): string[] {
  return Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}

/** The same list as SDK keys, for APIs that take them (e.g. `TestWorkflowEnvironment.createLocal`). */
export function searchAttributeSdkKeys(): SearchAttributeKey<SearchAttributeType>[] {
  return Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => defineSearchAttributeKey(name, SDK_TYPE_BY_CLI_TYPE[type]));
}

/** Name -> IndexedValueType enum, the shape OperatorService.AddSearchAttributes takes and ListSearchAttributes returns. */
export function searchAttributeIndexedValueTypes(): Record<string, number> {
  return Object.fromEntries(
    searchAttributeSdkKeys().map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
  );
}
