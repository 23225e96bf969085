// `uplink staff create`. The password never comes from argv, which other users see in `ps`.
import { createStaff } from '../../services/access/staff.js';
import { UsageError, type Command } from '../command.js';
import { promptHiddenTwice, readStdinSecret } from '../secret-input.js';

export const staffCreate: Command = {
  name: 'staff create',
  summary: 'Create a staff account for the staff pages (password from stdin or a hidden prompt).',
  options: {
    email: { type: 'string', description: 'the address they sign in with', placeholder: '<address>', required: true },
    name: { type: 'string', description: 'their name', placeholder: '<text>', required: true },
    'password-stdin': { type: 'boolean', description: 'read the password from standard input (at least 12 characters)' },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    let password: string;
    if (input.flag('password-stdin')) password = await readStdinSecret(input.stdin);
    else if (input.stdin.isTTY) password = await promptHiddenTwice(input.stdin, input.stderr, 'Password');
    else throw new UsageError('standard input is not a terminal: pass --password-stdin and pipe the password in', 'staff create');
    const staff = await createStaff(ctx, { email: input.option('email'), name: input.option('name'), password });
    out.result({ staff }, (print) => print.line(`Created staff account ${staff.email} (${staff.name}), id ${staff.id}.`));
  },
};
