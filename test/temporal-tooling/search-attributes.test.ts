import { SearchAttributeType } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import * as messages from '../../workflows/messages.js';
import { SEARCH_ATTRIBUTES, searchAttributeCliArgs, searchAttributeSdkKeys } from '../../server/temporal/search-attributes.js';

describe('SEARCH_ATTRIBUTES', () => {
  it('registers every typed key the workflow code declares, with the same type', () => {
    // Signals and queries also have a name and a type; search attribute keys have a type like 'KEYWORD'.
    const searchAttributeTypes: readonly unknown[] = Object.values(SearchAttributeType);
    const declaredByWorkflows = Object.values(messages as Record<string, unknown>).filter(
      (value): value is { name: string; type: string } =>
        typeof value === 'object' && value !== null && 'name' in value && 'type' in value && searchAttributeTypes.includes(value.type),
    );
    expect(declaredByWorkflows.length).toBeGreaterThan(0);
    const registered = searchAttributeSdkKeys();
    for (const key of declaredByWorkflows) {
      expect(registered).toContainEqual({ name: key.name, type: key.type });
    }
  });

  it('becomes one --search-attribute flag per attribute', () => {
    expect(searchAttributeCliArgs()).toEqual([
      '--search-attribute',
      'CustomerId=Keyword',
      '--search-attribute',
      'AccountStatus=Keyword',
      '--search-attribute',
      'DunningStage=Keyword',
      '--search-attribute',
      'BillingDay=Int',
      '--search-attribute',
      'BillingBlocked=Bool',
    ]);
    expect(Object.keys(SEARCH_ATTRIBUTES)).toHaveLength(5);
  });
});
