"use client";

import { useEffect, useState } from "react";
import { displayTimeMs, type SessionSnapshot } from "../session/lab-session";

/**
 * The simulated instant for text and charts, refreshed `hz` times a second while the run plays. The
 * flow view paces itself per animation frame (FlowView) so React does not re-render at 60 Hz.
 */
export function useSimClock(snapshot: SessionSnapshot, hz = 8): number {
  const [t, setT] = useState(() => displayTimeMs(snapshot, Date.now()));
  useEffect(() => {
    setT(displayTimeMs(snapshot, Date.now()));
    if (snapshot.status !== "running") return;
    const timer = window.setInterval(() => setT(displayTimeMs(snapshot, Date.now())), 1000 / hz);
    return () => window.clearInterval(timer);
  }, [snapshot, hz]);
  return t;
}
