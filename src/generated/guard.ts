/**
 * "Jaunt never edits a file that the user wrote" (DESIGN §1, §5 step 8):
 * before writing into `__generated__`, check that whatever is there already
 * carries Jaunt's header.
 */
import path from "node:path";
import { JauntGenerationError } from "@jaunt/runtime";
import { readHeader } from "./read-header.ts";

/** True when `file` exists and starts with Jaunt's banner (a malformed header still counts). */
export async function isJauntFile(file: string): Promise<boolean> {
  try {
    const header = await readHeader(file);
    return header.status === "ok" || header.status === "malformed";
  } catch {
    return false;
  }
}

/**
 * Resolve when Jaunt may write `file`: it does not exist, or Jaunt wrote it.
 * @throws JauntGenerationError `generated.user_file` when something else is there.
 */
export async function assertOverwritable(file: string): Promise<void> {
  let status: string;
  try {
    status = (await readHeader(file)).status;
  } catch (cause) {
    throw userFileError(file, "it cannot be read as a file", cause);
  }
  if (status === "missing") throw userFileError(file, "it does not start with Jaunt's header");
}

function userFileError(file: string, why: string, cause?: unknown): JauntGenerationError {
  return new JauntGenerationError(
    `refusing to overwrite ${file}: ${why}, so Jaunt did not write it; Jaunt never overwrites a file it did not write`,
    "generated.user_file",
    {
      location: { file },
      hint: `move the file out of ${path.basename(path.dirname(file))}/ (handwritten code belongs next to your specs), then run the command again`,
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
