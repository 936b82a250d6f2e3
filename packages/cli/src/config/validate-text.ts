import {
  type ValidateOptions,
  type ValidationResult,
  validateSource,
} from "../../../lib/src/core/validate.js";
import { type ParseSourceOptions, parseSource } from "./source.js";

/** Validates text (JSON or YAML); every diagnostic carries its line and column. */
export function validateSupportText(
  text: string,
  options: ValidateOptions & ParseSourceOptions = {},
): ValidationResult & { value: unknown } {
  return validateSource(parseSource(text, options), options);
}
