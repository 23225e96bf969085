// Every problem with a list of rate components, each at its JSON path, for the API and the
// portal to show at once; the pricing refuses a component with any of them.
import type { RateComponentType } from './components.js';
import {
  check, checkFields, componentName, isRecord, meterKey, minorUnits, positiveUnits, show, unitName, units,
  type ComponentProblem, type FieldCheck,
} from './field-checks.js';
import { rangeProblems } from './validate-ranges.js';

export type { ComponentProblem } from './field-checks.js';

const anyType: FieldCheck = () => [];
const consumption = { type: anyType, name: componentName, meter: meterKey };
const SHAPES: Record<RateComponentType, { required: Record<string, FieldCheck>; optional: Record<string, FieldCheck> }> = {
  fixed: { required: { type: anyType, name: componentName, amount: minorUnits }, optional: {} },
  per_day: { required: { type: anyType, name: componentName, amount: minorUnits }, optional: {} },
  stepped: { required: { ...consumption, ranges: rangeProblems }, optional: { minimumAmount: minorUnits, unit: unitName } },
  volume: { required: { ...consumption, ranges: rangeProblems }, optional: { minimumAmount: minorUnits, unit: unitName } },
  package: {
    required: { ...consumption, packageSize: positiveUnits, amount: minorUnits },
    optional: { freeUnits: units, minimumAmount: minorUnits, unit: unitName },
  },
};
const TYPES = Object.keys(SHAPES) as RateComponentType[];
const knownType = check((value) => typeof value === 'string' && Object.hasOwn(SHAPES, value), `must be one of ${TYPES.join(', ')}`);

/** Every problem in `components` (a rate's list), with paths such as `components[1].ranges[0].upTo`. */
export function validateRateComponents(components: unknown): ComponentProblem[] {
  if (!Array.isArray(components)) return [{ path: 'components', message: `must be a list of rate components, got ${show(components)}` }];
  if (components.length === 0) return [{ path: 'components', message: 'a rate needs at least one component' }];
  return components.flatMap((component: unknown, index) => componentProblems(component, `components[${index}]`));
}

/** Every problem in one component, its paths starting with `path`. */
export function componentProblems(component: unknown, path: string): ComponentProblem[] {
  if (!isRecord(component)) return [{ path, message: `must be a rate component such as {"type": "fixed", ...}, got ${show(component)}` }];
  const typeProblems = knownType(component.type, `${path}.type`);
  if (typeProblems.length > 0) return typeProblems;
  const shape = SHAPES[component.type as RateComponentType];
  return checkFields(component, path, shape.required, shape.optional);
}
