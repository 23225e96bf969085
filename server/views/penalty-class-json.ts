// A penalty class as JSON, for the REST API: its rules in order, each definition as billing
// stores it (amounts as strings of digits), archived ones with the moment they were taken out.
import { z } from 'zod';
import { penaltyRuleToJson, type PenaltyClassDocument, type PenaltyClassSummary } from '../services/collections/penalty-classes.js';
import { id, timestamp } from './wire-parts.js';

const classFields = {
  id,
  name: z.string(),
  isDefault: z.boolean().meta({ description: 'The class of every customer without one of their own; exactly one class is.' }),
  createdAt: timestamp,
};

export const penaltyClassSummaryWire = z.object(classFields).meta({ id: 'PenaltyClassSummary' });

export const penaltyRuleDefinitionWire = z
  .record(z.string(), z.unknown())
  .meta({
    id: 'PenaltyRuleDefinition',
    description:
      '`kind` (flat, percentage, interest), `label`, and its terms: `amountMinor` (flat), `percent` (percentage) or `annualRate` (interest); ' +
      'optionally `currency`, `minimumMinor`, `maximumMinor`, `graceDays`, `everyDays`, `countLimit`, `penalized`, `recoveryCompensationMinor`, `taxRate`. ' +
      '`id` is always the rule id.',
  });

export const penaltyClassWire = z
  .object({
    ...classFields,
    rules: z
      .array(
        z.object({
          id,
          position: z.int().min(0),
          definition: penaltyRuleDefinitionWire,
          archivedAt: timestamp.nullable().meta({ description: 'Set once the rule was taken out of the class: it is never applied again.' }),
        }),
      )
      .meta({ description: 'In the order they apply, archived ones included.' }),
  })
  .meta({ id: 'PenaltyClass' });

export function penaltyClassSummaryJson(penaltyClass: PenaltyClassSummary): z.input<typeof penaltyClassSummaryWire> {
  return { id: penaltyClass.id, name: penaltyClass.name, isDefault: penaltyClass.isDefault, createdAt: penaltyClass.createdAt.toISOString() };
}

export function penaltyClassJson(penaltyClass: PenaltyClassDocument): z.input<typeof penaltyClassWire> {
  return {
    ...penaltyClassSummaryJson(penaltyClass),
    rules: penaltyClass.rules.map((rule) => ({
      id: rule.id,
      position: rule.position,
      definition: penaltyRuleToJson(rule.rule) as Record<string, unknown>,
      archivedAt: rule.archivedAt?.toISOString() ?? null,
    })),
  };
}
