/** `jaunt trust`: let this project's settings choose where your credentials go (DESIGN §12); `--show`, `--revoke`. */
import { defineCommand } from "citty";
import { COMMAND_SUMMARIES } from "../cli/command-summaries.ts";
import { jsonArgs, rootArgs } from "../cli/args.ts";
import { writeJson, writeResult } from "../cli/output.ts";
import { UsageError } from "../cli/usage-error.ts";

export default defineCommand({
  meta: { name: "trust", description: COMMAND_SUMMARIES.trust },
  args: {
    ...rootArgs,
    show: { type: "boolean", description: "Say whether the project is trusted and which credential would go to which host, from which file and line; changes nothing" },
    revoke: { type: "boolean", description: "Forget this project's trust" },
    ...jsonArgs,
  },
  async run({ args }) {
    if (args.show && args.revoke) throw new UsageError("--show and --revoke cannot be combined", "run `jaunt trust --show` to look, `jaunt trust --revoke` to forget");
    const [{ loadConfig }, trust, format] = await Promise.all([
      import("../config/load.ts"),
      import("../trust/project-trust.ts"),
      import("../trust/format-trust.ts"),
    ]);
    const config = await loadConfig(args.root === undefined ? {} : { root: args.root });
    if (args.revoke) {
      const { check, removed } = trust.revokeProjectTrust(config);
      if (args.json) writeJson(format.trustJson(check, "revoked", removed));
      else writeResult(format.formatTrustReport(check, "revoked", removed));
      return;
    }
    const check = args.show ? trust.checkProjectTrust(config) : trust.trustProject(config);
    const action = args.show ? "shown" : "trusted";
    if (args.json) writeJson(format.trustJson(check, action));
    else writeResult(format.formatTrustReport(check, action));
  },
});
