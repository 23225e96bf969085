// The account workflow as Temporal sees it right now (its `status` query), or why that is not
// available, with the way into the Temporal Web UI to see its history.
import { Link } from '@remix-run/react';
import type { BillingBlockView } from './billing-block-panel.js';

export type WorkflowPanelData =
  | {
      available: true;
      workflowId: string;
      status: string;
      nextBillDate: string;
      balance: string;
      invoicesIssued: number;
      lastInvoice: { id: string; number: string; total: string } | null;
      lastPostedDocument: { kind: 'invoice' | 'credit-note'; id: string; number: string; total: string } | null;
      pendingPlanChange: { plan: string; effectiveFrom: string } | null;
      billingBlocked: BillingBlockView | null;
      temporalUrl: string | null;
    }
  | { available: false; workflowId: string; reason: string; temporalUrl: string | null };

export function WorkflowStatusPanel({ workflow }: { workflow: WorkflowPanelData }) {
  return (
    <section className="panel workflow-status" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">Billing workflow</h2>
      {workflow.available ? (
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <span className={`badge badge-${workflow.status}`}>{workflow.status}</span>
          </dd>
          <dt>Next bill date</dt>
          <dd>{workflow.nextBillDate}</dd>
          <dt>Balance</dt>
          <dd className="workflow-balance">{workflow.balance}</dd>
          <dt>Invoices issued</dt>
          <dd>{workflow.invoicesIssued}</dd>
          <dt>Last invoice</dt>
          <dd>
            {workflow.lastInvoice ? (
              <>
                <Link to={`/staff/invoices/${workflow.lastInvoice.id}`}>{workflow.lastInvoice.number}</Link> ({workflow.lastInvoice.total})
              </>
            ) : (
              'none yet'
            )}
          </dd>
          <dt>Last one-off document</dt>
          <dd>
            {workflow.lastPostedDocument ? (
              <>
                <Link to={postedDocumentPath(workflow.lastPostedDocument)}>{workflow.lastPostedDocument.number}</Link> (
                {workflow.lastPostedDocument.total})
              </>
            ) : (
              'none'
            )}
          </dd>
          <dt>Plan change</dt>
          <dd>
            {workflow.pendingPlanChange
              ? `to ${workflow.pendingPlanChange.plan} from ${workflow.pendingPlanChange.effectiveFrom}`
              : 'none pending'}
          </dd>
          <dt>Billing</dt>
          <dd className="workflow-billing">
            {workflow.billingBlocked ? (
              <span className="badge badge-blocked">blocked since {workflow.billingBlocked.since}</span>
            ) : (
              'not blocked'
            )}
          </dd>
        </dl>
      ) : (
        <p className="warning">Live status unavailable: {workflow.reason}.</p>
      )}
      <p className="hint">
        Workflow <code>{workflow.workflowId}</code>
        {workflow.temporalUrl ? (
          <>
            {' · '}
            <a href={workflow.temporalUrl} target="_blank" rel="noreferrer" className="temporal-link">
              Open in Temporal Web UI
            </a>
          </>
        ) : (
          ' · no Temporal Web UI is configured (set TEMPORAL_UI_URL to link to it)'
        )}
      </p>
    </section>
  );
}

function postedDocumentPath(document: { kind: 'invoice' | 'credit-note'; id: string }): string {
  return document.kind === 'invoice' ? `/staff/invoices/${document.id}` : `/staff/credit-notes/${document.id}`;
}
