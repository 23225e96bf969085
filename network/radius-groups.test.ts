// Where each desired state puts a user in FreeRADIUS, and what it asks of live sessions.
import { describe, expect, it } from 'vitest';
import { planRowChanges } from './radius-sql-writer.js';
import { MissingPlanProfileError, membershipFor, planGroupName, userCheckRows } from './radius-groups.js';
import { hashServicePassword, servicePasswordMatches } from './service-password.js';
import { sessionChangeFor } from './session-changes.js';

const profile = { planId: 'p1', rateLimit: '10M/50M', addressPool: 'pool-a' };

describe('desired state to FreeRADIUS', () => {
  it('puts the user in one group: the plan at priority 10, the state groups at priority 0 so they win', () => {
    expect(membershipFor('active', profile, 'c1').membership).toEqual({ groupname: planGroupName('p1'), priority: 10 });
    expect(membershipFor('restricted', profile, 'c1').membership).toEqual({ groupname: 'uplink-restricted', priority: 0 });
    expect(membershipFor('suspended', profile, 'c1').membership).toEqual({ groupname: 'uplink-suspended', priority: 0 });
    expect(membershipFor('ended', null, 'c1').membership).toEqual({ groupname: 'uplink-suspended', priority: 0 });
    expect(() => membershipFor('active', null, 'c1')).toThrow(MissingPlanProfileError);
  });

  it('gives a refused user a Reject of their own beside the hashed password', () => {
    expect(userCheckRows('suspended', 'H').map((row) => `${row.attribute} ${row.op} ${row.value}`)).toEqual(['SSHA2-256-Password := H', 'Auth-Type := Reject']);
    expect(userCheckRows('restricted', 'H').map((row) => row.attribute)).toEqual(['SSHA2-256-Password']);
  });

  it('asks live sessions: Disconnect when refused, CoA into the walled garden, CoA back to the plan only after a change', () => {
    expect(sessionChangeFor('suspended', 2, profile)).toEqual({ kind: 'disconnect' });
    expect(sessionChangeFor('restricted', 2, profile)).toEqual({
      kind: 'coa',
      attributes: [
        { name: 'Filter-Id', value: 'walled-garden' },
        { name: 'Mikrotik-Rate-Limit', value: '256k/256k' },
      ],
    });
    expect(sessionChangeFor('active', 1, profile)).toBeNull();
    expect(sessionChangeFor('active', 3, profile)).toEqual({ kind: 'coa', attributes: [{ name: 'Mikrotik-Rate-Limit', value: '10M/50M' }] });
  });

  it('corrects rows in place: keeps what is right, updates what differs, deletes duplicates and what is no longer wanted', () => {
    const existing = [
      { id: 1, attribute: 'Mikrotik-Rate-Limit', op: ':=', value: '5M/5M' },
      { id: 2, attribute: 'Framed-Pool', op: ':=', value: 'pool-a' },
      { id: 3, attribute: 'Framed-Pool', op: ':=', value: 'pool-a' },
      { id: 4, attribute: 'Filter-Id', op: ':=', value: 'walled-garden' },
    ];
    expect(planRowChanges(existing, [
      { attribute: 'Mikrotik-Rate-Limit', op: ':=', value: '10M/50M' },
      { attribute: 'Framed-Pool', op: ':=', value: 'pool-a' },
    ])).toEqual({ inserts: [], updates: [{ id: 1, row: { attribute: 'Mikrotik-Rate-Limit', op: ':=', value: '10M/50M' } }], deleteIds: [3, 4] });
  });

  it('hashes a password with a fresh salt each time, and checks it', () => {
    const first = hashServicePassword('correct horse');
    expect(first).not.toBe(hashServicePassword('correct horse'));
    expect(servicePasswordMatches('correct horse', first)).toBe(true);
    expect(servicePasswordMatches('correct horse!', first)).toBe(false);
    expect(() => hashServicePassword('')).toThrow(/^password: /);
    expect(() => hashServicePassword('x'.repeat(129))).toThrow(/^password: .*128 bytes/);
  });
});
