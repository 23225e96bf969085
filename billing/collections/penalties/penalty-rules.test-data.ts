// Rules for the tests, made the way staff make them: through parsePenaltyRule.
import { parsePenaltyRule } from './parse-penalty-rule.js';
import type { PenaltyRule } from './penalty-rule.js';

export function ruleFrom(input: Record<string, unknown>): PenaltyRule {
  const parsed = parsePenaltyRule({ id: 'rule-1', label: 'Late payment fee', ...input });
  if (!parsed.ok) throw new Error(`Test rule refused: ${parsed.field} ${parsed.reason}`);
  return parsed.rule;
}
