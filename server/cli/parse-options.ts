// Reads a command's options with node:util parseArgs. Every mistake in the command line itself
// (unknown option, missing value, missing required option) becomes a UsageError, exit code 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type Command, type OptionSpec } from './command.js';

/** Options every command takes. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print one JSON document to stdout, for scripts' },
  help: { type: 'boolean', description: 'show this help' },
};

export interface ParsedOptions {
  values: Record<string, string | string[] | boolean | undefined>;
  argument: string | undefined;
}

export function parseCommandOptions(command: Command, args: string[]): ParsedOptions {
  const specs = { ...command.options, ...COMMON_OPTIONS };
  const options: ParseArgsConfig['options'] = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { type: spec.type, ...(spec.multiple ? { multiple: true } : {}) }]));
  let parsed: { values: Record<string, string | string[] | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError(parseArgsMessage(error), command.name);
  }
  const { values, positionals } = parsed;
  if (values.help) return { values, argument: undefined };

  const allowed = command.positional ? 1 : 0;
  if (positionals.length > allowed) throw new UsageError(`unexpected argument "${positionals[allowed]}"`, command.name);
  if (command.positional && positionals.length === 0) throw new UsageError(`missing <${command.positional.name}>`, command.name);
  const missing = Object.entries(command.options)
    .filter(([name, spec]) => spec.required && (values[name] === undefined || values[name] === '' || (Array.isArray(values[name]) && values[name].length === 0)))
    .map(([name]) => `--${name}`);
  if (missing.length > 0) throw new UsageError(`missing required option${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, command.name);
  return { values, argument: positionals[0] };
}

// parseArgs explains itself well but at length ("... To specify a positional argument starting
// with a '-', place it at the end of the command after '--', as in '-- "--x"'"): keep the first sentence.
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? message;
}
