/** Environment variables as lookups read them; looser than NodeJS.ProcessEnv so tests can pass a few. */
export type Environment = Record<string, string | undefined>;
