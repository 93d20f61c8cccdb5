import type { SimEvent } from "@/server/sim/events";

export interface MessageDetails {
  msgId: number;
  protocol: string;
  label: string;
  from: string;
  to: string;
  sizeBytes: number;
  traceId: string;
  sentMs: number;
  deliveredMs: number | null;
  droppedMs: number | null;
  dropReason: string;
  latencyMs: number | null;
  headers: Record<string, string>;
  call: string | null;
  status: string | null;
  broker: Record<string, string> | null;
}

/**
 * Everything the log knows about one network message: its send/deliver/drop, the call it belongs to
 * (method, path, traceparent built from the call's span) and, for broker traffic, exchange and routing key
 * or topic, partition, offset and key.
 */
export function messageDetails(events: readonly SimEvent[], msgId: number): MessageDetails | null {
  const send = events.find((e) => e.type === "net.send" && e.msgId === msgId);
  if (!send || send.type !== "net.send") return null;
  const d: MessageDetails = {
    msgId, protocol: send.protocol, label: send.label, from: send.from, to: send.to, sizeBytes: send.sizeBytes, traceId: send.traceId,
    sentMs: send.timeMs, deliveredMs: null, droppedMs: null, dropReason: "", latencyMs: null, headers: {}, call: null, status: null, broker: null,
  };
  for (const e of events) {
    if (e.type === "net.deliver" && e.msgId === msgId) { d.deliveredMs = e.timeMs; d.latencyMs = e.latencyMs; }
    else if (e.type === "net.drop" && e.msgId === msgId) { d.droppedMs = e.timeMs; d.dropReason = e.reason; }
    else if ((send.protocol === "http" || send.protocol === "grpc") && send.ref >= 0) {
      if (e.type === "call.start" && e.callId === send.ref) {
        d.call = `${e.method} ${e.path}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ""}`;
        d.headers = send.protocol === "http"
          ? { traceparent: `00-${e.traceId}-${e.spanId}-01`, "content-length": String(e.sizeBytes), host: e.toService }
          : { traceparent: `00-${e.traceId}-${e.spanId}-01`, "grpc-timeout": `${Math.max(0, Math.round(e.deadlineAtMs - e.timeMs))}m` };
      } else if (e.type === "call.end" && e.callId === send.ref && send.label.includes("response")) d.status = `${e.statusName} (${e.outcome})`;
    } else if (send.protocol === "amqp" && send.ref >= 0) {
      if (e.type === "amqp.publish" && e.msgId === send.ref) d.broker = { ...d.broker, exchange: e.exchange, routingKey: e.routingKey, persistent: String(e.persistent) };
      else if (e.type === "amqp.route" && e.msgId === send.ref) d.broker = { ...d.broker, queues: e.queues.join(", ") };
      else if (e.type === "amqp.deliver" && e.msgId === send.ref) d.broker = { ...d.broker, queue: e.queue, deliveryTag: String(e.deliveryTag), redelivered: String(e.redelivered) };
    } else if (send.protocol === "kafka" && send.ref >= 0) {
      if (e.type === "kafka.append" && e.msgId === send.ref) d.broker = { topic: e.topic, partition: String(e.partition), offset: String(e.offset), key: e.key };
    }
  }
  return d;
}
