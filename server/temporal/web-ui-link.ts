// Addresses in the Temporal Web UI, built in one place for the portal, the CLI and the start-up
// banner. The namespace and ids are percent-encoded: workflow ids contain a slash
// (`customer/<id>`), which the UI accepts encoded. A trailing slash on the base URL is dropped.

/** The namespace's workflow list. */
export function temporalNamespaceUrl(uiBaseUrl: string, namespace: string): string {
  return `${uiBaseUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows`;
}

/** A workflow: without a run id the UI opens the latest run; with one, that run's event history. */
export function temporalWorkflowUrl(uiBaseUrl: string, namespace: string, workflowId: string, runId?: string): string {
  const base = `${temporalNamespaceUrl(uiBaseUrl, namespace)}/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
