// The ranges of a stepped or volume price: ascending upper bounds, the last one open so that every
// unit has a price, each with a valid unit price and optional flat amount.
import { checkFields, isRecord, minorUnits, show, unitPrice, type ComponentProblem } from './field-checks.js';

export function rangeProblems(ranges: unknown, path: string): ComponentProblem[] {
  if (!Array.isArray(ranges) || ranges.length === 0) {
    return [{ path, message: `must list at least one range, got ${show(ranges)}` }];
  }
  const problems: ComponentProblem[] = [];
  let previousUpTo = 0;
  ranges.forEach((range: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(range)) {
      problems.push({ path: at, message: `must be a range such as {"upTo": 10, "unitAmountDecimal": "0.5"}, got ${show(range)}` });
      return;
    }
    const last = index === ranges.length - 1;
    problems.push(...checkFields(range, at, { unitAmountDecimal: unitPrice }, { flatAmount: minorUnits, upTo: () => [] }));
    const upTo = range.upTo;
    if (upTo === undefined && !Object.hasOwn(range, 'upTo')) {
      problems.push({ path: `${at}.upTo`, message: 'is required (a number, or null for the last range)' });
    } else if (upTo === null || upTo === undefined) {
      if (!last) problems.push({ path: `${at}.upTo`, message: 'only the last range may be open (upTo null)' });
    } else if (typeof upTo !== 'number' || !Number.isFinite(upTo)) {
      problems.push({ path: `${at}.upTo`, message: `must be a number of units, or null for the last range, got ${show(upTo)}` });
    } else {
      if (upTo <= previousUpTo) {
        const bound = index === 0 ? 'greater than 0' : `greater than the previous range's upTo (${previousUpTo})`;
        problems.push({ path: `${at}.upTo`, message: `must be ${bound}, got ${upTo}` });
      }
      if (last) problems.push({ path: `${at}.upTo`, message: `the last range must be open (upTo null) so that every unit has a price, got ${upTo}` });
      previousUpTo = Math.max(previousUpTo, upTo);
    }
  });
  return problems;
}
