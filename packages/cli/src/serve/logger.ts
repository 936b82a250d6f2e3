/** Structured logs: JSON lines (pino), or human-readable lines (pino-pretty) when stdout is a TTY. */
import { createRequire } from "node:module";
import pino, { type Logger } from "pino";
import { printable } from "../../../lib/src/core/printable.js";
import { colourEnabled } from "../colour.js";

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Human-readable output; defaults to whether stdout is a terminal. */
  pretty?: boolean;
  /** Where the lines go (tests pass a stream); defaults to stdout. */
  destination?: NodeJS.WritableStream;
}

const require = createRequire(import.meta.url);

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.MATRIX_SUPPORT_LOG_LEVEL ?? "info";
  const base = { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY);
  if (pretty) {
    // A synchronous stream in this thread (no worker transport): start-up and shutdown lines are never lost.
    const prettyFactory = require("pino-pretty") as (o: object) => NodeJS.WritableStream;
    const stream = options.destination ?? process.stdout;
    return pino(
      base,
      prettyFactory({
        // The one decision every command follows (FORCE_COLOR, NO_COLOR, a terminal, TERM=dumb).
        colorize: colourEnabled(stream as { isTTY?: boolean }),
        ...(options.destination ? { destination: options.destination } : {}),
        translateTime: "HH:MM:ss",
        // The message already says these in words; errors and other fields still show.
        ignore: "pid,hostname,url,server_name,config,published,paths,mounted,problems,reason",
        sync: true,
        // Messages quote the config file (and its values): on a terminal, control characters,
        // line breaks and bidi controls are shown as escapes, as every command prints them.
        messageFormat: (log: Record<string, unknown>, key: string) =>
          printable(String(log[key] ?? "")),
        ...(options.destination ? { destination: options.destination } : {}),
      }),
    );
  }
  return pino(base, options.destination ?? pino.destination({ sync: true }));
}
