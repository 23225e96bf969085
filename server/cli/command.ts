// What a CLI command is: its name, the options it takes (which drive both parsing and its help
// text), whether it needs Temporal, and what it does with the shared services.
import type { ServiceContext } from '../services/context.js';
import type { Output } from './output.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help after the option name, such as `<code>`. */
  placeholder?: string;
  required?: boolean;
  /** A string option that may be given several times (`--item a:1 --item b:2`). */
  multiple?: boolean;
}

export interface CommandInput {
  /** A string option's value; undefined when not given. */
  option(name: string): string | undefined;
  /** Every value of an option declared `multiple`, in command-line order. */
  options(name: string): string[];
  flag(name: string): boolean;
  /** The command's positional argument, checked present by the parser when the command declares one. */
  argument: string | undefined;
  /** Standard input, for secrets that must not appear in argv (where `ps` shows them). */
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WritableStream;
}

export interface CommandEnvironment {
  ctx: ServiceContext;
  /** The Web UI link of a customer's account workflow, when a Web UI is known. */
  workflowUiUrl(workflowId: string): string | undefined;
  /** The company's time zone (UPLINK_TIME_ZONE): business dates, such as today's, are its days. */
  timeZone: string;
}

export interface Command {
  /** Such as `customers create`. */
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  positional?: { name: string; description: string };
  /**
   * `required`: refuse to start unless Temporal answers, so nothing is stored half-done.
   * `optional`: asks Temporal but copes without it. `none`: never connects.
   */
  temporal: 'required' | 'optional' | 'none';
  run(input: CommandInput, env: CommandEnvironment, out: Output): Promise<void>;
}

/** The command line itself is wrong: unknown command or option, missing required option. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** `topic`: the command or group whose --help to point at, such as `customers create`. */
  constructor(message: string, readonly topic?: string) {
    super(message);
  }
}
