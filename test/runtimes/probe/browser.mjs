// The probe in a browser page: the bundle sets window.runProbe for the test to call.
import { probe } from "./probe.mjs";

globalThis.runProbe = probe;
