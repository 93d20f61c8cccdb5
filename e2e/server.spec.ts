import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";

test("GET /api/health answers ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});

test("the /lab socket.io namespace answers a ping and rejects a bad payload by field", async ({ baseURL }) => {
  const socket = io(`${baseURL}/lab`, { transports: ["websocket"], reconnection: false });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", () => resolve());
      socket.on("connect_error", reject);
    });
    const good = await socket.timeout(5000).emitWithAck("ping", { sentAtMs: 42 });
    expect(good).toEqual({ ok: true, pong: true, sentAtMs: 42 });
    const bad = await socket.timeout(5000).emitWithAck("ping", { sentAtMs: "soon" });
    expect(bad.ok).toBe(false);
    expect(bad.error).toContain("sentAtMs");
  } finally {
    socket.close();
  }
});
