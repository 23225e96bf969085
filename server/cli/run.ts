// Finds the command the arguments name, runs it on the shared services, and turns the outcome
// into output and an exit code. Connections are opened only for a command that will run (not for
// help or a usage error), and always closed.
import { loadConfig } from '../config.js';
import { UsageError, type Command, type CommandInput } from './command.js';
import { COMMANDS } from './commands/index.js';
import { openConnections, type CliConnections } from './connections.js';
import { EXIT } from './exit-codes.js';
import { describeFailure } from './failures.js';
import { commandHelp, generalHelp, groupHelp } from './help.js';
import { temporalWorkflowUrl } from '../temporal/web-ui-link.js';
import { createOutput } from './output.js';
import { parseCommandOptions } from './parse-options.js';

export interface CliIO {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const isHelp = (arg: string | undefined) => arg === 'help' || arg === '--help' || arg === '-h';

const groupCommands = (group: string | undefined) => COMMANDS.filter((command) => command.name.split(' ')[0] === group);

function findCommand(words: string[]): Command | undefined {
  return COMMANDS.find((command) => command.name === words.join(' '));
}

/** The command the leading words name; usage errors say which words would have been right. */
function resolveCommand(args: string[]): { command: Command; rest: string[] } {
  const [group, action, ...rest] = args;
  const inGroup = groupCommands(group);
  if (inGroup.length === 0) throw new UsageError(`unknown command "${group}"`);
  const actions = inGroup.map((command) => command.name.split(' ')[1]).join(', ');
  if (action === undefined || action.startsWith('-')) throw new UsageError(`"${group}" needs one of: ${actions}`, group);
  const command = findCommand([group ?? '', action]);
  if (!command) throw new UsageError(`unknown command "${group} ${action}" (${group} takes: ${actions})`, group);
  return { command, rest };
}

export async function runCli(args: string[], io: CliIO): Promise<number> {
  const write = (text: string) => io.stdout.write(text);
  const fail = (error: unknown, command?: Command) => {
    const failure = describeFailure(error, command);
    io.stderr.write(failure.lines.map((line) => `${line}\n`).join(''));
    return failure.exitCode;
  };

  if (args.length === 0) {
    io.stderr.write(generalHelp(COMMANDS));
    return EXIT.usage;
  }
  if (isHelp(args[0])) {
    const about = args.length > 1 ? findCommand(args.slice(1)) : undefined;
    if (args.length > 1 && !about) return fail(new UsageError(`unknown command "${args.slice(1).join(' ')}"`));
    write(about ? commandHelp(about) : generalHelp(COMMANDS));
    return EXIT.ok;
  }

  if (isHelp(args[1]) && groupCommands(args[0]).length > 0) {
    write(groupHelp(groupCommands(args[0])));
    return EXIT.ok;
  }

  let command: Command | undefined;
  let connections: CliConnections | undefined;
  try {
    const resolved = resolveCommand(args);
    command = resolved.command;
    const { values, argument } = parseCommandOptions(command, resolved.rest);
    if (values.help) {
      write(commandHelp(command));
      return EXIT.ok;
    }
    const config = loadConfig(io.env);
    connections = await openConnections(config);
    if (command.temporal === 'required') await connections.requireTemporal();

    const input: CommandInput = {
      option: (name) => (typeof values[name] === 'string' ? values[name] : undefined),
      options: (name) => {
        const value = values[name];
        return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      },
      flag: (name) => values[name] === true,
      argument,
      stdin: io.stdin,
      stderr: io.stderr,
    };
    const { temporalUiUrl } = connections;
    const namespace = config.temporal.namespace;
    await command.run(
      input,
      {
        ctx: connections.ctx,
        workflowUiUrl: (workflowId) => (temporalUiUrl ? temporalWorkflowUrl(temporalUiUrl, namespace, workflowId) : undefined),
        timeZone: config.portal.timeZone,
      },
      createOutput(write, values.json === true),
    );
    return EXIT.ok;
  } catch (error) {
    return fail(error, command);
  } finally {
    await connections?.close();
  }
}
