/**
 * The chat client a run's callers use (generation, the test judge, the
 * meaning check): the endpoint resolved from the project's environment
 * (`.env` merged under the process's), with the run's backoff and the request
 * shape it learned. One place, so every model question is asked the same way.
 */
import type { LlmConfig } from "../../config/types.ts";
import type { BackoffSettings } from "./backoff.ts";
import { createChatClient, type ChatClient } from "./chat-client.ts";
import { resolveEndpoint } from "./endpoint.ts";
import { mergedEnv } from "./env-file.ts";
import type { RequestShape } from "./request-shape.ts";

export interface ClientRun {
  /** Project root (its `.env` is read). */
  readonly root: string;
  /** Environment to resolve the key and base URL from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly backoff?: BackoffSettings;
  /** A shape an earlier request of the run learned (a rejected parameter), so this one does not fail the same way. */
  readonly requestShape?: RequestShape;
}

/** @throws JauntConfigError when the key or base URL cannot be resolved (endpoint.ts). */
export function chatClientFor(llm: LlmConfig, run: ClientRun): ChatClient {
  return createChatClient(llm, resolveEndpoint(llm, mergedEnv(run.root, run.env ?? process.env)), run.backoff, run.requestShape);
}
