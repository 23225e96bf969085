// The Temporal Web UI addresses the CLI, the portal and the start-up banner print, from one builder.
import { expect, it } from 'vitest';
import { temporalNamespaceUrl, temporalWorkflowUrl } from '../../server/temporal/web-ui-link.js';

it('links a namespace, encoding it and dropping a trailing slash from the base', () => {
  expect(temporalNamespaceUrl('http://localhost:8233/', 'billing prod')).toBe('http://localhost:8233/namespaces/billing%20prod/workflows');
});

it("links a workflow's latest run, or one run's history", () => {
  const base = 'http://localhost:8233/namespaces/default/workflows/customer%2Fabc';
  expect(temporalWorkflowUrl('http://localhost:8233', 'default', 'customer/abc')).toBe(base);
  expect(temporalWorkflowUrl('http://localhost:8233//', 'default', 'customer/abc', 'run-1')).toBe(`${base}/run-1/history`);
});
