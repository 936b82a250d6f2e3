/** What every command module shares with the program that loads it, without importing it back. */

/** Wraps a command's action so its exit code reaches the program. */
export type Wrap = <A extends unknown[]>(
  fn: (...args: A) => Promise<number> | number,
) => (...args: A) => Promise<void>;
