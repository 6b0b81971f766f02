/** JSON that may be missing or damaged (caches, records, package.json): `undefined` instead of an exception. */
import { readFileSync } from "node:fs";

/** The value of JSON `text`; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The value of JSON file `file`; undefined when it is missing, unreadable or not JSON. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  return parseJson(text);
}
