import { Exact } from '../exact/exact';
import type { EntrySheet } from '../marks/score-sheet';
import {
  type CompiledNode,
  type CompiledRounding,
  type CompiledRubric,
  type CompiledStep,
  isWithin,
} from '../rubric/compiled-rubric';

/**
 * Transforms and parameters: arithmetic steps on a judge's mark or a node's value, with an
 * operand that is either fixed in the rubric or a per-performance parameter (a dive's degree of
 * difficulty, a referee's penalty), plus rounding.
 */

export function roundWith(value: Exact, rounding: CompiledRounding): Exact {
  if (rounding.step) return value.roundToStep(rounding.step, rounding.mode);
  return value.round(rounding.places ?? 0, rounding.mode);
}

/** Applies one step; `operand` is the step's value or parameter (unused by "round"). */
export function applyStep(step: CompiledStep, value: Exact, operand: Exact): Exact {
  switch (step.op) {
    case 'add':
      return value.add(operand);
    case 'subtract':
      return value.sub(operand);
    case 'multiply':
      return value.mul(operand);
    case 'divide':
      return value.div(operand);
    case 'at_least':
      return value.max(operand);
    case 'at_most':
      return value.min(operand);
    case 'round':
      return step.round ? roundWith(value, step.round) : value;
    default:
      return step.op satisfies never;
  }
}

/**
 * The operand of a step for this entry, node and attempt, or undefined when its parameter has
 * no value and no default. The most specific row wins: one for this attempt over one for every
 * attempt, one for this node over one for the whole entry.
 */
export function stepOperand(
  step: CompiledStep,
  compiled: CompiledRubric,
  sheet: EntrySheet,
  node: CompiledNode,
  attempt: number | undefined,
): Exact | undefined {
  if (step.value) return step.value;
  if (step.parameter === undefined) return Exact.ZERO;
  return parameterValue(step.parameter, compiled, sheet, node, attempt);
}

export function parameterValue(
  parameter: string,
  compiled: CompiledRubric,
  sheet: EntrySheet,
  node: CompiledNode,
  attempt: number | undefined,
): Exact | undefined {
  let best: { value: Exact; rank: number } | undefined;
  for (const row of sheet.parameters) {
    const value = row.values[parameter];
    if (value === undefined) continue;
    if (row.attempt !== undefined && row.attempt !== attempt) continue;
    if (row.node !== undefined && !isWithin(node, row.node)) continue;
    const rank = (row.attempt !== undefined ? 2 : 0) + (row.node !== undefined ? 1 : 0);
    if (!best || rank > best.rank) best = { value: Exact.parse(value), rank };
  }
  if (best) return best.value;
  const fallback = compiled.parameters.get(parameter)?.default;
  return fallback === undefined ? undefined : Exact.parse(fallback);
}
