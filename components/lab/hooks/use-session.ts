"use client";

import { io } from "socket.io-client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { LAB_NAMESPACE } from "@/lib/lab/constants";
import { initialSnapshot, LabSession, type SocketLike } from "../session/lab-session";

const idle = initialSnapshot();

/** One socket.io connection to `/lab` per mounted lab, closed on unmount. */
export function useLabSession(durationMs: number) {
  const [session, setSession] = useState<LabSession | null>(null);
  useEffect(() => {
    const socket = io(LAB_NAMESPACE, { path: "/socket.io", transports: ["websocket", "polling"] });
    const s = new LabSession(socket as unknown as SocketLike, durationMs);
    setSession(s);
    return () => s.dispose();
  }, [durationMs]);
  const snapshot = useSyncExternalStore(
    (l) => (session ? session.subscribe(l) : () => undefined),
    () => (session ? session.getSnapshot() : idle),
    () => idle,
  );
  return { session, snapshot };
}
