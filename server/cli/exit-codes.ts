/** Exit codes scripts can rely on; `uplink help` documents them. */
export const EXIT = {
  ok: 0,
  /** Anything else: database or Temporal unreachable, an unexpected failure. */
  failure: 1,
  /** Unknown command or option, missing required option or argument. */
  usage: 2,
  /** The input was refused (a field is wrong); nothing was stored. */
  invalidInput: 3,
  /** The id given names nothing. */
  notFound: 4,
} as const;
