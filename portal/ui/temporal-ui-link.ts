/**
 * The address of a workflow in the Temporal Web UI. Workflow ids contain a slash
 * (`customer/<id>`), which the UI accepts percent-encoded. Without a run id the UI opens the
 * latest run; with one, that run's event history.
 */
export function temporalWorkflowUrl(uiBaseUrl: string, namespace: string, workflowId: string, runId?: string): string {
  const base = `${uiBaseUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
