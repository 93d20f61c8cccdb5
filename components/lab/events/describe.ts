import type { SimEvent } from "@/server/sim/events";

/** One event as a line of plain text (the accessible equivalent of the animation). */
export function describeEvent(e: SimEvent): string {
  switch (e.type) {
    case "sim.start": return `run starts (seed ${e.seed})`;
    case "sim.end": return `run ends (${e.reason})`;
    case "instance.state": return `${e.instance}: ${e.prevState} → ${e.state}${e.reason ? ` (${e.reason})` : ""}`;
    case "fault": return `fault ${e.fault} on ${e.target}${e.detail ? ` (${e.detail})` : ""}`;
    case "net.send": return `${e.from} → ${e.to}: ${e.label} sent, ${e.sizeBytes} B${e.deliverAtMs < 0 ? " (will be lost)" : ""}`;
    case "net.deliver": return `${e.from} → ${e.to}: ${e.label} delivered after ${e.latencyMs.toFixed(1)} ms${e.duplicate ? " (duplicate)" : ""}`;
    case "net.drop": return `${e.from} → ${e.to}: ${e.label} DROPPED (${e.reason})`;
    case "conn.open": return `${e.from} opens a connection to ${e.to}`;
    case "conn.close": return `connection ${e.from} → ${e.to} closed (${e.reason})`;
    case "call.start": return `${e.from} calls ${e.toService} ${e.method} ${e.path}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ""}`;
    case "call.retry": return `${e.from} retries ${e.toService} ${e.method} ${e.path} (attempt ${e.attempt})`;
    case "call.end": return `${e.from} ← ${e.toService} ${e.method} ${e.path}: ${e.outcome} ${e.statusName} in ${e.latencyMs.toFixed(1)} ms`;
    case "work.start": return `${e.instance} starts ${e.name}${e.queuedMs > 0 ? ` after ${e.queuedMs.toFixed(1)} ms queued` : ""}`;
    case "work.end": return `${e.instance} finishes ${e.name}: ${e.status}`;
    case "work.reject": return `${e.instance} rejects ${e.name} (${e.reason})`;
    case "work.lost": return `${e.instance} loses ${e.name} (${e.reason})`;
    case "timer.fire": return `${e.instance}: timer ${e.name}`;
    case "log": return `${e.instance} ${e.level}: ${e.msg}`;
    case "state.change": return `${e.instance}: ${e.name} ${e.from} → ${e.to}`;
    case "metric": return `${e.instance}: ${e.name} = ${e.value}`;
    case "broker.state": return `broker ${e.broker} ${e.state}`;
    case "amqp.publish": return `${e.from} publishes to ${e.exchange} (${e.routingKey})`;
    case "amqp.route": return `${e.exchange} routes ${e.routingKey} to ${e.queues.join(", ") || "nowhere"}`;
    case "amqp.deliver": return `${e.queue} delivers to ${e.to}${e.redelivered ? " (redelivered)" : ""}`;
    case "amqp.ack": return `${e.from} acks on ${e.queue}`;
    case "amqp.nack": return `${e.from} nacks on ${e.queue}${e.requeue ? " (requeue)" : ""}`;
    case "amqp.requeue": return `${e.queue} requeues a message (${e.reason})`;
    case "amqp.dead-letter": return `${e.queue} dead-letters a message (${e.reason})`;
    case "amqp.drop": return `${e.queue} drops a message (${e.reason})`;
    case "kafka.append": return `${e.from} appends to ${e.topic}[${e.partition}] @${e.offset}${e.key ? ` key ${e.key}` : ""}`;
    case "kafka.consume": return `${e.instance} (${e.group}) reads ${e.topic}[${e.partition}] @${e.offset}`;
    case "kafka.commit": return `${e.group} commits ${e.topic}[${e.partition}] @${e.offset}`;
    case "kafka.member": return `${e.instance} ${e.change} group ${e.group}`;
    case "kafka.rebalance": return `group ${e.group} rebalances (generation ${e.generation})`;
    case "kafka.retention": return `${e.topic}[${e.partition}] retention deletes ${e.deleted}`;
    case "kafka.offset-reset": return `${e.group} resets ${e.topic}[${e.partition}] to ${e.offset} (${e.reason})`;
    case "pubsub.publish": return `${e.from} publishes to ${e.topic} (${e.subscribers} subscribers)`;
    case "es.append": return `${e.from} appends ${e.count} event(s) to ${e.stream}`;
    case "es.conflict": return `${e.from}: version conflict on ${e.stream}`;
    case "ws.open": return `${e.from} opens a WebSocket to ${e.to}`;
    case "ws.close": return `WebSocket ${e.from} → ${e.to} closed ${e.code} ${e.codeName}`;
  }
}
