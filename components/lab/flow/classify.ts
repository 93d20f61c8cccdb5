import type { NetSendEvent } from "@/server/sim/events";

/** How the flow view colours a message: what it is for, not which protocol carried it. */
export type MessageKind = "request" | "response" | "event" | "error";

const MESSAGING = new Set(["amqp", "kafka", "pubsub", "eventstore", "ws"]);

/**
 * A response is an error when the server span that produced it ended with a failing status (HTTP ≥ 500 or
 * 4xx, gRPC non-zero). `failedRefs` holds the call ids whose work ended that way, so this stays a lookup.
 */
export function classifyMessage(send: Pick<NetSendEvent, "label" | "protocol" | "ref">, failedRefs: ReadonlySet<number>): MessageKind {
  const label = send.label.toLowerCase();
  if (label.includes("response") || label.includes("reply") || label.includes("status")) {
    return failedRefs.has(send.ref) ? "error" : "response";
  }
  if (label.includes("request") || label.includes("call") || label.includes("handshake")) return "request";
  if (MESSAGING.has(send.protocol)) return "event";
  return "request";
}

/** A work item's status counts as a failure for its protocol. */
export function isFailureStatus(kind: string, status: number): boolean {
  if (kind === "http") return status >= 400;
  if (kind === "grpc") return status !== 0;
  return false;
}
