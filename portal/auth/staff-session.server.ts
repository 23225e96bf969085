// Staff sign-in state: a signed session cookie naming the staff member. Every staff loader calls
// `requireStaff`; every staff action calls `staffAction`, which also checks the CSRF token.
import { redirect, type AppLoadContext } from '@remix-run/node';
import { endStaffSessions, findSignedInStaff, type StaffMember } from '../../server/services/access/staff.js';
import { assertStorableForm } from '../ui/form-fields.server.js';
import { assertCsrf } from './csrf.server.js';

interface RequestArgs {
  request: Request;
  context: AppLoadContext;
}

export function staffSession({ request, context }: RequestArgs) {
  return context.staffSessions.getSession(request.headers.get('Cookie'));
}

/** Where to send someone who must sign in first, coming back to this page afterwards. */
export function signInUrl(request: Request): string {
  const { pathname, search } = new URL(request.url);
  return `/staff/sign-in?${new URLSearchParams({ redirectTo: pathname + search })}`;
}

export async function currentStaff(args: RequestArgs): Promise<StaffMember | null> {
  const session = await staffSession(args);
  const staffId = session.get('staffId');
  const signedInAt = session.get('signedInAt');
  return staffId && signedInAt ? findSignedInStaff(args.context.services, staffId, new Date(signedInAt)) : null;
}

/** Starts a session for a staff member who just proved their password; returns its cookie. */
export async function startStaffSession(args: RequestArgs, staffId: string): Promise<string> {
  const session = await args.context.staffSessions.getSession();
  session.set('staffId', staffId);
  session.set('signedInAt', Date.now());
  return args.context.staffSessions.commitSession(session);
}

/** Ends the session everywhere (not only in this browser) and returns the cookie that clears it. */
export async function endStaffSession(args: RequestArgs): Promise<string> {
  const session = await staffSession(args);
  const staffId = session.get('staffId');
  if (staffId) await endStaffSessions(args.context.services, staffId);
  return args.context.staffSessions.destroySession(session);
}

export async function requireStaff(args: RequestArgs): Promise<StaffMember> {
  const staff = await currentStaff(args);
  if (!staff) throw redirect(signInUrl(args.request));
  return staff;
}

/** For staff actions: the signed-in member and the posted form, refused without a valid CSRF token. */
export async function staffAction(args: RequestArgs): Promise<{ staff: StaffMember; form: FormData }> {
  const staff = await requireStaff(args);
  // A body that is not a form (text/plain, broken multipart) carries no token: refused like one
  // without it, not a 500.
  const form = await args.request.formData().catch(() => new FormData());
  assertCsrf(args.context, form);
  assertStorableForm(form);
  return { staff, form };
}

/** A redirect that shows a one-time notice on the next page ("Plan created"). */
export async function redirectWithNotice(args: RequestArgs, to: string, notice: string): Promise<Response> {
  const session = await staffSession(args);
  session.flash('notice', notice);
  return redirect(to, { headers: { 'Set-Cookie': await args.context.staffSessions.commitSession(session) } });
}
