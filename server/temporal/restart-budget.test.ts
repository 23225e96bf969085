import { describe, expect, it } from 'vitest';
import { RestartBudget } from './restart-budget.js';

const policy = { maxRestarts: 4, windowMs: 60_000, firstDelayMs: 1_000, maxDelayMs: 5_000 };

describe('RestartBudget', () => {
  it('waits longer before each restart within the window, up to the longest wait, then gives up', () => {
    const budget = new RestartBudget(policy);
    expect([0, 1, 2, 3, 4].map((second) => budget.next(second * 1_000))).toEqual([1_000, 2_000, 4_000, 5_000, undefined]);
  });

  it('forgets restarts older than the window', () => {
    const budget = new RestartBudget(policy);
    for (const second of [0, 1, 2, 3]) budget.next(second * 1_000);
    expect(budget.next(59_000)).toBeUndefined();
    // The restarts at 0 s and 1 s have left the window: two are counted, so the third wait.
    expect(budget.next(61_000)).toBe(4_000);
  });

  it('restarts a server that died once long ago as quickly as a fresh one', () => {
    const budget = new RestartBudget(policy);
    budget.next(0);
    expect(budget.next(24 * 3_600_000)).toBe(1_000);
  });
});
