import { JauntError } from "@jaunt/runtime";

/** Bad command-line usage (unknown command or flag, bad value). Exit 2. */
export class UsageError extends JauntError {
  constructor(message: string, hint?: string) {
    super(message, "cli.usage", 2, hint === undefined ? {} : { hint });
  }
}
