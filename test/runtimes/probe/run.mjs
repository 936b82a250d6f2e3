// The probe as a program for Node, Bun and Deno: `run.mjs BASE REFUSED` prints its JSON on stdout,
// with where the package was loaded from (the test checks it is the installed tarball).
import { probe } from "./probe.mjs";

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const [base, refused] = args;
const result = await probe({ base, refused });
result.resolved = import.meta.resolve("@matrix-support/lib/server");
console.log(JSON.stringify(result));
