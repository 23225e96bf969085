// A dunning policy as JSON, for the REST API: the policy with every version written, each
// definition as billing stores it (amounts as strings of digits).
import { z } from 'zod';
import { dunningPolicyToJson } from '../../billing/collections/dunning/index.js';
import type { DunningPolicyDocument, DunningPolicySummary } from '../services/collections/dunning-policies.js';
import { id, timestamp } from './wire-parts.js';

const policyFields = {
  id,
  name: z.string(),
  isDefault: z.boolean().meta({ description: 'The policy of every customer without one of their own; exactly one policy is.' }),
  currentVersion: z.int().min(1).meta({ description: 'The version new episodes start with; a running episode keeps its own.' }),
  createdAt: timestamp,
};

export const dunningPolicySummaryWire = z.object(policyFields).meta({ id: 'DunningPolicySummary' });

export const dunningPolicyDefinitionWire = z
  .record(z.string(), z.unknown())
  .meta({
    id: 'DunningPolicyDefinition',
    description:
      '`minimumOverdueMinor` (amounts by currency), `steps` ([{ afterDays, action }], days never decreasing), `cardRetryDays`, ' +
      '`invoiceWhileSuspended`, `maxPromiseDays`.',
  });

export const dunningPolicyWire = z
  .object({
    ...policyFields,
    versions: z
      .array(z.object({ version: z.int().min(1), definition: dunningPolicyDefinitionWire, createdBy: z.string(), createdAt: timestamp }))
      .meta({ description: 'Every version, oldest first; a version never changes once written.' }),
  })
  .meta({ id: 'DunningPolicy' });

export function dunningPolicySummaryJson(policy: DunningPolicySummary): z.input<typeof dunningPolicySummaryWire> {
  return { id: policy.id, name: policy.name, isDefault: policy.isDefault, currentVersion: policy.currentVersion, createdAt: policy.createdAt.toISOString() };
}

export function dunningPolicyJson(policy: DunningPolicyDocument): z.input<typeof dunningPolicyWire> {
  return {
    ...dunningPolicySummaryJson(policy),
    versions: policy.versions.map((v) => ({ version: v.version, definition: dunningPolicyToJson(v.policy), createdBy: v.createdBy, createdAt: v.createdAt.toISOString() })),
  };
}
