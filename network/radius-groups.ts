// How a desired service state shows in FreeRADIUS's tables: which group the user sits in, what
// each group answers, and what the user's own check rows say. Pure: the SQL writer applies it.
//
// FreeRADIUS reads a user's groups in priority order (lowest first) and, by default, stops at the
// first group whose check items match: so the state groups sit at priority 0 and win over a plan
// group (at PLAN_GROUP_PRIORITY) should a user ever end up in both. A user with no group row at all
// is let in without limits, so a user is moved from group to group, never left without one.
import type { ServiceState } from './service-states.js';

export interface RadiusAttribute {
  attribute: string;
  op: string;
  value: string;
}

export interface RadiusGroup {
  groupname: string;
  /** radgroupcheck rows. */
  check: RadiusAttribute[];
  /** radgroupreply rows. */
  reply: RadiusAttribute[];
}

export interface PlanNetworkProfile {
  planId: string;
  /** MikroTik rate limit, rx/tx as the NAS sees it, e.g. `10M/50M`. */
  rateLimit: string;
  addressPool: string | null;
}

export interface GroupMembership {
  groupname: string;
  priority: number;
}

/** Every group this system writes starts with it; other groups an operator adds are left alone. */
export const MANAGED_GROUP_PREFIX = 'uplink-';
export const RESTRICTED_GROUP = 'uplink-restricted';
export const SUSPENDED_GROUP = 'uplink-suspended';
export const STATE_GROUP_PRIORITY = 0;
export const PLAN_GROUP_PRIORITY = 10;

/** The walled garden: the NAS's filter that only lets the portal and payment pages through, and a trickle. */
export const WALLED_GARDEN_FILTER_ID = 'walled-garden';
export const WALLED_GARDEN_RATE_LIMIT = '256k/256k';

/** The hashed password attribute FreeRADIUS's pap module checks: salted SHA-256. */
export const PASSWORD_ATTRIBUTE = 'SSHA2-256-Password';
/** Check attributes this system owns on a user: anything else in radcheck is an operator's. */
export const MANAGED_CHECK_ATTRIBUTES = [PASSWORD_ATTRIBUTE, 'Auth-Type', 'Cleartext-Password'] as const;
/** Reply attributes a plan group holds; Framed-Pool only when the plan has a pool. */
export const MANAGED_PLAN_REPLY_ATTRIBUTES = ['Mikrotik-Rate-Limit', 'Framed-Pool'] as const;

export const planGroupName = (planId: string): string => `${MANAGED_GROUP_PREFIX}plan-${planId}`;

export function planGroup(profile: PlanNetworkProfile): RadiusGroup {
  const reply: RadiusAttribute[] = [{ attribute: 'Mikrotik-Rate-Limit', op: ':=', value: profile.rateLimit }];
  if (profile.addressPool !== null) reply.push({ attribute: 'Framed-Pool', op: ':=', value: profile.addressPool });
  return { groupname: planGroupName(profile.planId), check: [], reply };
}

export const restrictedGroup: RadiusGroup = {
  groupname: RESTRICTED_GROUP,
  check: [],
  reply: [
    { attribute: 'Filter-Id', op: ':=', value: WALLED_GARDEN_FILTER_ID },
    { attribute: 'Mikrotik-Rate-Limit', op: ':=', value: WALLED_GARDEN_RATE_LIMIT },
  ],
};

export const suspendedGroup: RadiusGroup = {
  groupname: SUSPENDED_GROUP,
  check: [{ attribute: 'Auth-Type', op: ':=', value: 'Reject' }],
  reply: [{ attribute: 'Reply-Message', op: ':=', value: 'Service suspended' }],
};

/** Refused states: suspended, and a subscription that ended. */
export const isRefused = (state: ServiceState): boolean => state === 'suspended' || state === 'ended';

export class MissingPlanProfileError extends Error {
  constructor(readonly customerId: string, readonly planId: string | null) {
    super(
      planId === null
        ? `customer ${customerId} has no active subscription: an active service needs a plan's network profile`
        : `plan ${planId} has no network profile (plan_network_profiles): its rate limit is unknown`,
    );
    this.name = 'MissingPlanProfileError';
  }
}

/** The one group a user sits in for a state (and the group's definition, which must exist). */
export function membershipFor(state: ServiceState, profile: PlanNetworkProfile | null, customerId: string): { membership: GroupMembership; group: RadiusGroup } {
  if (isRefused(state)) return { membership: { groupname: SUSPENDED_GROUP, priority: STATE_GROUP_PRIORITY }, group: suspendedGroup };
  if (state === 'restricted') return { membership: { groupname: RESTRICTED_GROUP, priority: STATE_GROUP_PRIORITY }, group: restrictedGroup };
  if (profile === null) throw new MissingPlanProfileError(customerId, null);
  const group = planGroup(profile);
  return { membership: { groupname: group.groupname, priority: PLAN_GROUP_PRIORITY }, group };
}

/**
 * The user's own check rows. A refused user also gets `Auth-Type := Reject` on their own row: that
 * holds even if their group rows were removed or changed, since FreeRADIUS reads radcheck first.
 */
export function userCheckRows(state: ServiceState, passwordHash: string): RadiusAttribute[] {
  const rows: RadiusAttribute[] = [{ attribute: PASSWORD_ATTRIBUTE, op: ':=', value: passwordHash }];
  if (isRefused(state)) rows.push({ attribute: 'Auth-Type', op: ':=', value: 'Reject' });
  return rows;
}
