// Turns what went wrong into an exit code and one line per problem on stderr, so a person sees
// which field to fix and a script can branch on the code.
import { z } from 'zod';
import { redactUrl } from '../config.js';
import { NotFoundError, ValidationError } from '../services/errors.js';
import { UsageError, type Command } from './command.js';
import { EXIT } from './exit-codes.js';

/** A failure we understand and explain (an unreachable service, a locked database): exit code 1. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

export interface Failure {
  exitCode: number;
  lines: string[];
}

export function describeFailure(error: unknown, command: Command | undefined): Failure {
  if (error instanceof UsageError) {
    const topic = error.topic ?? command?.name;
    return {
      exitCode: EXIT.usage,
      lines: [`error: ${error.message}`, `Run \`uplink ${topic ? `${topic} ` : ''}--help\` for usage.`],
    };
  }
  // Services parse some queries with zod directly; to the user it is the same refused input.
  const validation = error instanceof z.ZodError ? ValidationError.fromZod(error) : error;
  if (validation instanceof ValidationError) {
    return {
      exitCode: EXIT.invalidInput,
      lines: validation.problems.map((problem) => `error: ${fieldLabel(problem.field, command)}: ${problem.message}`),
    };
  }
  if (error instanceof NotFoundError) return { exitCode: EXIT.notFound, lines: [`error: ${error.entity} ${error.id} does not exist`] };
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT.failure, lines: [`error: ${redactDatabaseUrls(message)}`] };
}

/** Names a service field the way the user typed it: `planId (--plan-id)`. */
function fieldLabel(field: string, command: Command | undefined): string {
  const option = field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return option !== field && command?.options[option] ? `${field} (--${option})` : field;
}

// An unexpected driver error could quote a connection string; its password never reaches stderr.
function redactDatabaseUrls(message: string): string {
  return message.replace(/postgres(?:ql)?:\/\/\S+/g, (url) => redactUrl(url));
}
