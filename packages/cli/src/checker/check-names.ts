/**
 * `check SERVER_NAME...`: each server checked in a session of its own (its GET and CORS preflight
 * share one connection, closed when it is done), a few at once, the outcomes in the order given.
 */
import { type CheckOutcome, runCheck } from "../../../lib/src/discover/check.js";
import type { ExpectedSupport } from "../../../lib/src/discover/index.js";
import type { NodeTransport } from "../transport/node.js";

/** Servers checked at once when several are given. */
export const CHECK_CONCURRENCY = 8;

export interface CheckNamesOptions {
  transport: Pick<NodeTransport, "session">;
  /** Per server, redirects and body included (ms). */
  timeout: number;
  expect?: ExpectedSupport | undefined;
  concurrency?: number | undefined;
}

/** Starts every check, at most `concurrency` in flight; the promises keep the input order. */
export function checkNames(
  names: readonly string[],
  options: CheckNamesOptions,
): Promise<CheckOutcome>[] {
  const { transport, timeout, expect } = options;
  return limited(names, options.concurrency ?? CHECK_CONCURRENCY, async (name) => {
    const session = transport.session();
    try {
      return await runCheck(name, { fetch: session.fetch, timeout, expect });
    } finally {
      await session.close();
    }
  });
}

function limited<T>(
  items: readonly string[],
  concurrency: number,
  task: (item: string) => Promise<T>,
): Promise<T>[] {
  let running = 0;
  const waiting: (() => void)[] = [];
  return items.map(async (item) => {
    if (running >= concurrency) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await task(item);
    } finally {
      running--;
      waiting.shift()?.();
    }
  });
}
