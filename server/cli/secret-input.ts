// Reading a secret without it passing through argv: piped on stdin, or typed at a prompt that
// does not echo.
import { ValidationError } from '../services/errors.js';
import { CliFailure } from './failures.js';

/** All of stdin, less the one line ending `echo` or a here-string adds. */
export async function readStdinSecret(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks twice, as a typo in a hidden entry would otherwise lock the account owner out. */
export async function promptHiddenTwice(stdin: NodeJS.ReadStream, stderr: NodeJS.WritableStream, label: string): Promise<string> {
  const first = await promptHidden(stdin, stderr, `${label}: `);
  const second = await promptHidden(stdin, stderr, `${label} again: `);
  if (first !== second) throw new ValidationError([{ field: 'password', message: 'the two entries differ' }]);
  return first;
}

function promptHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WritableStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed: string[] = [];
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    // Raw mode hands us every key as typed, unechoed: Enter ends, Backspace erases, Ctrl-C/Ctrl-D cancel.
    const onData = (chunk: string) => {
      for (const key of chunk) {
        if (key === '\r' || key === '\n') {
          finish();
          resolve(typed.join(''));
          return;
        }
        if (key === '\u0003' || key === '\u0004') {
          finish();
          reject(new CliFailure('cancelled; no account was created'));
          return;
        }
        if (key === '\u007f' || key === '\b') typed = typed.slice(0, -1);
        else if (key >= ' ') typed.push(key);
      }
    };
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}
