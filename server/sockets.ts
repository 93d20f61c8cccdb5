import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { z } from "zod";
import { attachLabSessions, type LabSocketOptions } from "./labs/sockets";

/** Payload of `ping` on /lab: an optional client timestamp echoed back so the client can measure RTT. */
const pingSchema = z.object({ sentAtMs: z.number().finite().optional() }).strict().optional();

/**
 * socket.io shares the HTTP server with Next. The `/lab` namespace carries interactive lab sessions
 * (server/labs/sockets.ts, when a lab runtime is given) and answers `ping`.
 */
export function attachSockets(server: HttpServer, options: { labs?: LabSocketOptions } = {}): Server {
  const io = new Server(server, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    cors: { origin: false },
  });
  if (options.labs) attachLabSessions(io.of("/lab"), options.labs);
  io.of("/lab").on("connection", (socket) => {
    socket.on("ping", (payload: unknown, ack?: unknown) => {
      const parsed = pingSchema.safeParse(payload);
      const reply = parsed.success
        ? { ok: true as const, pong: true, sentAtMs: parsed.data?.sentAtMs ?? null }
        : { ok: false as const, error: `invalid ping payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` };
      if (typeof ack === "function") ack(reply);
      else socket.emit("pong", reply);
    });
  });
  return io;
}
