// Collections settings over the API: dunning policies (an edit writes the next version), penalty
// classes and their rules, each customer's collection settings, and a penalty preview.
import { z } from 'zod';
import { customerCollectionsUpdateSchema } from '../../server/services/collections/customer-collections.js';
import { dunningPolicyEditSchema, newDunningPolicySchema } from '../../server/services/collections/dunning-policies.js';
import { newPenaltyClassSchema } from '../../server/services/collections/penalty-classes.js';
import { penaltyPreviewQuerySchema } from '../../server/services/collections/penalty-preview.js';
import { penaltyRuleInputSchema } from '../../server/services/collections/penalty-rules.js';
import { customerCollectionsWire } from '../../server/views/customer-collections-json.js';
import { dunningPolicySummaryWire, dunningPolicyWire } from '../../server/views/dunning-policy-json.js';
import { penaltyClassSummaryWire, penaltyClassWire } from '../../server/views/penalty-class-json.js';
import { penaltyPreviewWire } from '../../server/views/penalty-preview-json.js';
import { customerParams, documented, uuidParam } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';

const policyParams = z.object({ policyId: uuidParam('a dunning policy') });
const classParams = z.object({ classId: uuidParam('a penalty class') });
const ruleParams = z.object({ classId: uuidParam('a penalty class'), ruleId: uuidParam('a penalty rule') });

const policyDefinition = {
  description:
    'The policy: `minimumOverdueMinor` ({"EUR": 500}), `steps` ([{ "afterDays": 1, "action": "email_reminder" }, ...]), ' +
    '`cardRetryDays`, `invoiceWhileSuspended`, `maxPromiseDays`. A refusal names the field, such as `definition.steps[2].afterDays`.',
};
const ruleDefinition = {
  description:
    'The rule: `kind` (flat, percentage, interest), `label` and its terms. Any `id` sent is replaced by the rule id. ' +
    'A refusal names the field, such as `definition.percent`.',
};

export const collectionsEndpoints = {
  listDunningPolicies: defineEndpoint({
    id: 'listDunningPolicies',
    method: 'GET',
    path: '/api/v1/dunning-policies',
    tag: 'Collections',
    summary: 'List dunning policies by name',
    authenticated: true,
    response: z.object({ items: z.array(dunningPolicySummaryWire) }),
    successStatus: 200,
  }),
  createDunningPolicy: defineEndpoint({
    id: 'createDunningPolicy',
    method: 'POST',
    path: '/api/v1/dunning-policies',
    tag: 'Collections',
    summary: 'Create a dunning policy (version 1)',
    description: 'The first policy becomes the default; `isDefault` makes a later one the default at once. Answers 201 with its URL in `Location`.',
    authenticated: true,
    body: documented(newDunningPolicySchema, { definition: policyDefinition }).strict(),
    response: dunningPolicyWire,
    successStatus: 201,
  }),
  getDunningPolicy: defineEndpoint({
    id: 'getDunningPolicy',
    method: 'GET',
    path: '/api/v1/dunning-policies/{policyId}',
    tag: 'Collections',
    summary: 'Get a dunning policy with every version',
    authenticated: true,
    params: policyParams,
    response: dunningPolicyWire,
    successStatus: 200,
  }),
  editDunningPolicy: defineEndpoint({
    id: 'editDunningPolicy',
    method: 'PUT',
    path: '/api/v1/dunning-policies/{policyId}',
    tag: 'Collections',
    summary: 'Write the next version of a dunning policy',
    description: 'New episodes follow the new version; episodes already running keep the version they started with, which never changes.',
    authenticated: true,
    params: policyParams,
    body: documented(dunningPolicyEditSchema, { definition: policyDefinition }).strict(),
    response: dunningPolicyWire,
    successStatus: 200,
  }),
  setDefaultDunningPolicy: defineEndpoint({
    id: 'setDefaultDunningPolicy',
    method: 'POST',
    path: '/api/v1/dunning-policies/{policyId}/default',
    tag: 'Collections',
    summary: 'Make a dunning policy the default',
    description: 'It becomes the policy of every customer without one of their own; the previous default no longer is.',
    authenticated: true,
    params: policyParams,
    response: dunningPolicyWire,
    successStatus: 200,
  }),

  listPenaltyClasses: defineEndpoint({
    id: 'listPenaltyClasses',
    method: 'GET',
    path: '/api/v1/penalty-classes',
    tag: 'Collections',
    summary: 'List penalty classes by name',
    authenticated: true,
    response: z.object({ items: z.array(penaltyClassSummaryWire) }),
    successStatus: 200,
  }),
  createPenaltyClass: defineEndpoint({
    id: 'createPenaltyClass',
    method: 'POST',
    path: '/api/v1/penalty-classes',
    tag: 'Collections',
    summary: 'Create a penalty class, without rules',
    description: 'The first class becomes the default; `isDefault` makes a later one the default at once. Answers 201 with its URL in `Location`.',
    authenticated: true,
    body: newPenaltyClassSchema.strict(),
    response: penaltyClassWire,
    successStatus: 201,
  }),
  getPenaltyClass: defineEndpoint({
    id: 'getPenaltyClass',
    method: 'GET',
    path: '/api/v1/penalty-classes/{classId}',
    tag: 'Collections',
    summary: 'Get a penalty class with its rules',
    authenticated: true,
    params: classParams,
    response: penaltyClassWire,
    successStatus: 200,
  }),
  addPenaltyRule: defineEndpoint({
    id: 'addPenaltyRule',
    method: 'POST',
    path: '/api/v1/penalty-classes/{classId}/rules',
    tag: 'Collections',
    summary: 'Add a rule, last in the class',
    authenticated: true,
    params: classParams,
    body: documented(penaltyRuleInputSchema, { definition: ruleDefinition }).strict(),
    response: penaltyClassWire,
    successStatus: 201,
  }),
  replacePenaltyRule: defineEndpoint({
    id: 'replacePenaltyRule',
    method: 'PUT',
    path: '/api/v1/penalty-classes/{classId}/rules/{ruleId}',
    tag: 'Collections',
    summary: 'Replace a rule in force, keeping its id and place',
    authenticated: true,
    params: ruleParams,
    body: documented(penaltyRuleInputSchema, { definition: ruleDefinition }).strict(),
    response: penaltyClassWire,
    successStatus: 200,
  }),
  archivePenaltyRule: defineEndpoint({
    id: 'archivePenaltyRule',
    method: 'DELETE',
    path: '/api/v1/penalty-classes/{classId}/rules/{ruleId}',
    tag: 'Collections',
    summary: 'Archive a rule: it is never applied again',
    description: 'The rule is kept, archived, since the charges it made name it. Answers with the class.',
    authenticated: true,
    params: ruleParams,
    response: penaltyClassWire,
    successStatus: 200,
  }),

  penaltyPreview: defineEndpoint({
    id: 'penaltyPreview',
    method: 'GET',
    path: '/api/v1/customers/{customerId}/penalty-preview',
    tag: 'Collections',
    summary: "What the customer's penalty class would charge on a day",
    description: 'The charges due on or before `asOf` on the open invoices and not charged yet. Nothing is stored.',
    authenticated: true,
    params: customerParams,
    query: penaltyPreviewQuerySchema,
    response: penaltyPreviewWire,
    successStatus: 200,
  }),
  getCustomerCollections: defineEndpoint({
    id: 'getCustomerCollections',
    method: 'GET',
    path: '/api/v1/customers/{customerId}/collections',
    tag: 'Collections',
    summary: "A customer's collection settings",
    authenticated: true,
    params: customerParams,
    response: customerCollectionsWire,
    successStatus: 200,
  }),
  updateCustomerCollections: defineEndpoint({
    id: 'updateCustomerCollections',
    method: 'PUT',
    path: '/api/v1/customers/{customerId}/collections',
    tag: 'Collections',
    summary: "Change a customer's collection settings",
    description:
      'Fields left out keep their values. `null` puts the customer back on the default policy or class; an exemption needs `exemptReason`. ' +
      'An unknown policy or class is refused, naming the field.',
    authenticated: true,
    params: customerParams,
    body: documented(customerCollectionsUpdateSchema, { balanceAlertMinor: { description: 'Minor units above zero, as an integer or a string of digits; null for no alert.' } }).strict(),
    response: customerCollectionsWire,
    successStatus: 200,
  }),
};
