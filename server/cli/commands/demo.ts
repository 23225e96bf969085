// `uplink demo seed`: the demo data `npm start` seeds on a first run, and the demo staff account.
// Safe to run again: what exists already is left alone.
import { seedDemoDataOnce } from '../../demo-seed.js';
import { ensureFirstStaff } from '../../services/access/staff.js';
import { DEMO_STAFF } from '../../staff-bootstrap.js';
import type { Command } from '../command.js';

export const demoSeed: Command = {
  name: 'demo seed',
  summary: 'Add the demo plans and customers (billed from months ago) and the demo staff account, once.',
  options: {},
  temporal: 'required',
  async run(_input, { ctx }, out) {
    const created: string[] = [];
    const dataSeeded = await seedDemoDataOnce(ctx, (line) => created.push(line.trim()));
    const staffCreated = await ensureFirstStaff(ctx, DEMO_STAFF);
    out.result({ dataSeeded, created, demoStaff: { email: DEMO_STAFF.email, created: staffCreated } }, (print) => {
      if (dataSeeded) {
        print.line('Seeded the demo plans and these customers:');
        for (const line of created) print.line(`  ${line}`);
        print.line('Their workflows are billing the months since they started.');
      } else {
        print.line('Demo data was seeded before: nothing added.');
      }
      print.line(
        staffCreated
          ? `Created the demo staff account ${DEMO_STAFF.email} (its password is in the README).`
          : 'Staff accounts exist already: no demo staff account added.',
      );
    });
  },
};
