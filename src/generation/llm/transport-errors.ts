/**
 * Failures without a whole response: timeouts, refused connections, DNS
 * failures, connections dropped before or during the body — named, and
 * retried only when another request can get through.
 */
import { isRecord } from "../../support/is-record.ts";
import { isLoopback } from "./endpoint.ts";
import type { ProviderFailure } from "./failure.ts";
import { clean, settingOf, whereOf, type FailureContext, type OpenAIModule } from "./provider-errors.ts";

function causeCode(error: Error): string | undefined {
  const cause: unknown = error.cause;
  return isRecord(cause) && typeof cause.code === "string" ? cause.code : undefined;
}

/** Socket errors of a dropped connection: another request may well get through. */
const DROPPED = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ETIMEDOUT", "ENETRESET", "UND_ERR_SOCKET", "ConnectionClosed"]);

/**
 * The body stopped arriving after the status line and headers (the server or
 * a proxy reset or closed the connection mid-answer): transient, like a
 * dropped connection.
 */
export function classifyBodyFailure(status: number, code: string | undefined, detail: string, ctx: FailureContext): ProviderFailure {
  return {
    retry: "backoff",
    code: "generation.provider_unavailable",
    reason: `connection dropped mid-answer${code ? ` (${code})` : ""}`,
    message: `${whereOf(ctx)} (HTTP ${status}) closed the connection before the whole answer arrived: ${clean(detail, ctx)}`,
  };
}

/** Timeouts, refused connections, DNS failures and other errors thrown before a response arrived. */
export function classifyThrown(sdk: OpenAIModule, error: unknown, ctx: FailureContext): ProviderFailure {
  const where = whereOf(ctx);
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return {
      retry: "backoff",
      code: "generation.provider_unavailable",
      reason: `request timed out after ${ctx.timeoutSeconds}s`,
      message: `${where} did not answer within ${ctx.timeoutSeconds}s`,
      hint: "local models can be slow: raise [llm] timeout_seconds",
    };
  }
  if (error instanceof sdk.APIConnectionError) {
    const code = causeCode(error);
    if (code === "ECONNREFUSED" || code === "ConnectionRefused") {
      const local = isLoopback(ctx.endpoint.baseUrl);
      return {
        retry: "never",
        code: "generation.server_unreachable",
        reason: "connection refused",
        message: `nothing is listening at ${where}: connection refused`,
        hint: local
          ? `start the local server (ollama serve, LM Studio's server, vllm serve, llama-server …), or fix the port in ${settingOf(ctx)}`
          : `check the host and port in ${settingOf(ctx)}`,
      };
    }
    if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "DNSException") {
      return {
        retry: code === "EAI_AGAIN" ? "backoff" : "never",
        code: "generation.server_unreachable",
        reason: "host not found",
        message: `cannot resolve the host of ${where} (${code})`,
        hint: `check the host name in ${settingOf(ctx)}, and your network or proxy`,
      };
    }
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    return {
      retry: "backoff",
      code: "generation.provider_unavailable",
      reason: `connection failed${code ? ` (${code})` : ""}`,
      message: `cannot connect to ${where}: ${clean(detail, ctx)}`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = isRecord(error) && typeof error.code === "string" ? error.code : undefined;
  if (code !== undefined && DROPPED.has(code)) {
    return { retry: "backoff", code: "generation.provider_unavailable", reason: `connection dropped (${code})`, message: `${where} dropped the connection: ${clean(message, ctx)}` };
  }
  return { retry: "never", code: "generation.provider_failed", reason: "request failed", message: `request to ${where} failed: ${clean(message, ctx)}` };
}
