/** Shared helpers for config tests: run parseConfig and capture the error it throws. */
import { JauntConfigError } from "@jaunt/runtime";
import { parseConfig } from "../../src/config/load.ts";

export const CONFIG_FILE = "/project/jaunt.toml";

/** The JauntConfigError `parseConfig(text)` throws; fails the test when it does not throw one. */
export function configError(text: string): JauntConfigError {
  try {
    parseConfig(text, CONFIG_FILE);
  } catch (error) {
    if (error instanceof JauntConfigError) return error;
    throw error;
  }
  throw new Error(`expected a JauntConfigError for:\n${text}`);
}

/** The problem lines (`jaunt.toml:LINE: …`) of a config error's message. */
export function problemLines(error: JauntConfigError): string[] {
  return error.message.split("\n").slice(1);
}
