// Help texts, generated from the command definitions so they cannot drift from what is parsed.
import type { Command, OptionSpec } from './command.js';
import { EXIT } from './exit-codes.js';
import { COMMON_OPTIONS } from './parse-options.js';

function optionLines(options: Record<string, OptionSpec>): string[] {
  const entries = Object.entries(options).map(([name, spec]) => {
    const usage = `--${name}${spec.type === 'string' ? ` ${spec.placeholder ?? '<value>'}` : ''}`;
    return [usage, `${spec.description}${spec.required ? ' (required)' : ''}`] as const;
  });
  const size = Math.max(...entries.map(([usage]) => usage.length));
  return entries.map(([usage, description]) => `  ${usage.padEnd(size)}  ${description}`);
}

function synopsis(command: Command): string {
  const parts = [`uplink ${command.name}`];
  if (command.positional) parts.push(`<${command.positional.name}>`);
  for (const [name, spec] of Object.entries(command.options)) {
    const usage = `--${name}${spec.type === 'string' ? ` ${spec.placeholder ?? '<value>'}` : ''}`;
    parts.push(spec.required ? usage : `[${usage}]`);
  }
  return `${parts.join(' ')} [--json]`;
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: ${synopsis(command)}`, '', command.summary, ''];
  if (command.positional) lines.push('Arguments:', `  <${command.positional.name}>  ${command.positional.description}`, '');
  lines.push('Options:', ...optionLines({ ...command.options, ...COMMON_OPTIONS }));
  return `${lines.join('\n')}\n`;
}

/** `uplink customers --help`: what the group's commands are. */
export function groupHelp(commands: Command[]): string {
  const size = Math.max(...commands.map((command) => command.name.length));
  return `${[
    ...commands.map((command) => `  uplink ${command.name.padEnd(size)}  ${command.summary}`),
    '',
    'Add --help to a command for its options.',
  ].join('\n')}\n`;
}

export function generalHelp(commands: Command[]): string {
  const size = Math.max(...commands.map((command) => command.name.length));
  return `${[
    'Usage: uplink <command> [options]',
    '',
    'Runs Uplink billing from the command line, with the same services as the staff pages and the REST API.',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(size)}  ${command.summary}`),
    `  ${'help [command]'.padEnd(size)}  show this help, or a command's`,
    '',
    'Every command takes --help, and --json to print one JSON document to stdout (amounts as',
    '{"amountMinor": "<integer string>", "currency": "<ISO 4217>"}). Errors go to stderr.',
    '',
    'Exit codes:',
    `  ${EXIT.ok}  success`,
    `  ${EXIT.usage}  usage error: unknown command or option, missing required option or argument`,
    `  ${EXIT.invalidInput}  invalid input: a field was refused (each named on stderr); nothing was stored`,
    `  ${EXIT.notFound}  not found: the id given names nothing`,
    `  ${EXIT.failure}  anything else, such as the database or Temporal being unreachable`,
    '',
    'Configuration comes from the same environment as `npm start`: DATABASE_URL (PostgreSQL; without',
    'it, the embedded database in UPLINK_DATA_DIR, default .data in the project, which only one',
    'process can open at a time), TEMPORAL_ADDRESS (default: the local dev server `npm start` runs, on',
    '127.0.0.1:TEMPORAL_PORT) and TEMPORAL_NAMESPACE.',
  ].join('\n')}\n`;
}
