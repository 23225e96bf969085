// When an account's billing is blocked: a step (issuing an invoice, emailing it, ...) failed in a
// way retrying could not fix, so the account's workflow stopped there and waits for staff. These
// are the words staff read about it, wherever they look (status query, pages, API, CLI, email).

/** The billing steps of the account workflow that can block it, each one activity. */
export const BILLING_STEPS = {
  'load-account': 'loading the account',
  'apply-posted-document': 'applying a posted document',
  'switch-plan': 'switching to the new plan',
  'issue-invoice': 'issuing the invoice',
  'email-invoice': 'emailing the invoice',
  'close-subscription': 'closing the subscription',
} as const;

export type BillingStep = keyof typeof BILLING_STEPS;

export interface BillingBlock {
  /** When the step gave up (workflow time, ISO 8601): also what keeps the staff alert to one email. */
  since: string;
  step: BillingStep;
  /** Why, in words for staff: the failure as the worker classified it. Never holds a secret. */
  reason: string;
}

/** The reason is shown in pages and emails and kept in search-free places: a bounded length. */
export const BLOCK_REASON_MAX_LENGTH = 500;

export function describeBillingStep(step: string): string {
  return (BILLING_STEPS as Record<string, string>)[step] ?? step;
}

/** One line for lists and logs, e.g. "blocked at issuing the invoice: value ... out of range". */
export function billingBlockSummary(block: Pick<BillingBlock, 'step' | 'reason'>): string {
  return `blocked at ${describeBillingStep(block.step)}: ${block.reason}`;
}

/** Why billing cannot be resumed now, or null when it can. */
export function resumeBillingRefusal(block: BillingBlock | null | undefined): string | null {
  return block ? null : "The account's billing is not blocked; there is nothing to resume.";
}

/** A reason cut to the bounded length, on one line, with any credentials in a URL removed. */
export function blockReason(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const withoutCredentials = oneLine.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
  if (withoutCredentials.length <= BLOCK_REASON_MAX_LENGTH) return withoutCredentials || 'no reason was given';
  return `${withoutCredentials.slice(0, BLOCK_REASON_MAX_LENGTH - 1)}…`;
}
