/** Checks of a command line against a command's declared arguments, before citty parses it. */
import type { ArgsDef } from "citty";
import { didYouMean } from "../support/did-you-mean.ts";
import { UsageError } from "./usage-error.ts";

/** Every spelling citty accepts for a command's flags. */
function knownFlags(args: ArgsDef): string[] {
  // --verbose is global: every command accepts it (the error reporter reads it).
  const flags = ["help", "h", "verbose"];
  for (const [name, def] of Object.entries(args)) {
    if (def.type === "positional") continue;
    const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    flags.push(name, kebab);
    if (def.type === "boolean") flags.push(`no-${name}`, `no-${kebab}`);
    if ("alias" in def && def.alias !== undefined) flags.push(...(Array.isArray(def.alias) ? def.alias : [def.alias]));
  }
  return flags;
}

/** Flags that take a value (`--target <ref>`), by every spelling, with their value hint. */
function valueFlags(args: ArgsDef): Map<string, string> {
  const flags = new Map<string, string>();
  for (const [name, def] of Object.entries(args)) {
    if (def.type !== "string") continue;
    const hint = "valueHint" in def && typeof def.valueHint === "string" ? def.valueHint : "value";
    flags.set(name, hint);
    flags.set(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), hint);
  }
  return flags;
}

/**
 * Refuse what citty would silently misread: an unknown flag, a value flag
 * with no value (read as ""), and words a command takes no positional for
 * (`jaunt build src/slug` would build every module).
 */
export function checkArgv(args: ArgsDef, argv: readonly string[], commandName: string): void {
  const known = knownFlags(args);
  const needsValue = valueFlags(args);
  const takesPositionals = Object.values(args).some((def) => def.type === "positional");
  for (const [index, token] of argv.entries()) {
    if (token === "--") break;
    if (!token.startsWith("-") || token === "-") {
      const previous = index > 0 ? argv[index - 1] : undefined;
      const isValue = previous !== undefined && previous.startsWith("-") && !previous.includes("=") && needsValue.has(previous.replace(/^--?/, ""));
      if (!isValue && !takesPositionals) throw strayArgument(args, token, commandName);
      continue;
    }
    const [name = "", value] = token.replace(/^--?/, "").split(/=(.*)/s);
    const hint = needsValue.get(name);
    // citty reads a missing value as "" — for --target that would silently mean "everything".
    const next = argv[index + 1];
    if (hint !== undefined && (value === undefined ? next === undefined || next.startsWith("--") : value === "")) {
      throw new UsageError(`option "--${name}" needs a value: --${name} <${hint}>`, `run \`${commandName} --help\` for its options`);
    }
    if (known.includes(name)) continue;
    const suggestion = didYouMean(name, known.filter((flag) => flag.length > 1));
    throw new UsageError(
      `unknown option "${token}" for \`${commandName}\`${suggestion ? `; did you mean "--${suggestion}"?` : ""}`,
      `run \`${commandName} --help\` for its options`,
    );
  }
}


/** A word the command has no place for; when it has --target, that is what the user meant. */
function strayArgument(args: ArgsDef, token: string, commandName: string): UsageError {
  const hint = "target" in args
    ? `to work on one module: \`${commandName} --target ${token}\``
    : `\`${commandName}\` takes no arguments besides its options; run \`${commandName} --help\``;
  return new UsageError(`unexpected argument "${token}" for \`${commandName}\``, hint);
}
