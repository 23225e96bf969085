// What a change of desired state asks of sessions already running. FreeRADIUS's tables only
// matter at the next login; a live session keeps what it was given until the NAS is told.
import { isRefused, WALLED_GARDEN_FILTER_ID, WALLED_GARDEN_RATE_LIMIT, type PlanNetworkProfile } from './radius-groups.js';
import type { ServiceState } from './service-states.js';

export interface SessionAttribute {
  name: 'Filter-Id' | 'Mikrotik-Rate-Limit';
  value: string;
}

/**
 * disconnect: end the session (the next login meets the new tables).
 * coa: change it in place; a NAS that refuses (a NAK other than Session-Context-Not-Found) gets a
 * Disconnect instead, which reaches the same state through a new login.
 */
export type SessionChange = { kind: 'disconnect' } | { kind: 'coa'; attributes: SessionAttribute[] };

/**
 * `desiredVersion` 1 is the state the account was provisioned in: an active account that never left
 * active has nothing to give back. Active after any change is a restore.
 */
export function sessionChangeFor(state: ServiceState, desiredVersion: number, profile: PlanNetworkProfile | null): SessionChange | null {
  if (isRefused(state)) return { kind: 'disconnect' };
  if (state === 'restricted') {
    return {
      kind: 'coa',
      attributes: [
        { name: 'Filter-Id', value: WALLED_GARDEN_FILTER_ID },
        { name: 'Mikrotik-Rate-Limit', value: WALLED_GARDEN_RATE_LIMIT },
      ],
    };
  }
  if (desiredVersion <= 1) return null;
  // Without a profile the plan's limits are unknown: a new login picks up whatever the tables say.
  if (profile === null) return { kind: 'disconnect' };
  return { kind: 'coa', attributes: [{ name: 'Mikrotik-Rate-Limit', value: profile.rateLimit }] };
}
