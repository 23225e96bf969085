// The account workflow's Updates: staff change the plan or cancel, and learn at once whether it was
// accepted. They are registered before the account is loaded (an Update that finds no handler in
// the workflow's first activation is rejected, where a signal would wait), so each waits for the
// state and judges by it; the validator judges early when the state is already there.
import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BillingActivities } from '../activities/index.js';
import { isoDateFromEpochMs, type IsoDate } from '../billing/calendar.js';
import { cancellationRefusal, planChangeRefusal } from '../billing/subscriptions/subscription-changes.js';
import { requestPlanChange, subscriptionStanding, type AccountState } from './account-state.js';
import { CANCELLATION_REFUSED, PLAN_CHANGE_REFUSED, cancelSubscriptionUpdate, changePlanUpdate } from './messages.js';

const activities = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const today = (): IsoDate => isoDateFromEpochMs(Date.now());

export function handleAccountUpdates(currentState: () => AccountState | undefined): void {
  const loadedState = async (): Promise<AccountState> => {
    await condition(() => currentState() !== undefined);
    return currentState()!;
  };

  setHandler(
    changePlanUpdate,
    async (change) => {
      const state = await loadedState();
      refuseIf(planChangeRefusal(subscriptionStanding(state), change.planId), PLAN_CHANGE_REFUSED);
      const pending = requestPlanChange(state, change, today());
      if (!pending || !state.subscription) throw refusal('The plan change could not be scheduled.', PLAN_CHANGE_REFUSED);
      await activities.recordPlanChange({ subscriptionId: state.subscription.subscriptionId, planId: pending.planId, effectiveFrom: pending.effectiveFrom });
      return pending;
    },
    { validator: (change) => judgeIfLoaded(currentState(), (state) => refuseIf(planChangeRefusal(subscriptionStanding(state), change.planId), PLAN_CHANGE_REFUSED)) },
  );

  setHandler(
    cancelSubscriptionUpdate,
    async () => {
      const state = await loadedState();
      refuseIf(cancellationRefusal(subscriptionStanding(state)), CANCELLATION_REFUSED);
      const cancelledOn = (state.cancelRequestedOn ??= today());
      await activities.recordCancellation({ subscriptionId: state.subscription?.subscriptionId ?? null, cancelledOn });
      return { cancelledOn };
    },
    { validator: () => judgeIfLoaded(currentState(), (state) => refuseIf(cancellationRefusal(subscriptionStanding(state)), CANCELLATION_REFUSED)) },
  );
}

function judgeIfLoaded(state: AccountState | undefined, judge: (state: AccountState) => void): void {
  if (state) judge(state);
}

function refuseIf(reason: string | null, type: string): void {
  if (reason) throw refusal(reason, type);
}

/** A refusal in words for people; services answer it as a conflict. */
function refusal(reason: string, type: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(reason, type);
}
