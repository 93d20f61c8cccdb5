import { spawn, type ChildProcess } from "node:child_process";

/**
 * A production server of our own for the progress journeys: its own DATA_DIR (so restarting it on the
 * same data can be tested) and its own port, beside the one playwright.config.ts starts.
 */
export interface RunningServer { baseURL: string; stop(signal?: NodeJS.Signals): Promise<void> }

export async function startServer(dataDir: string, port: number): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => { output += d.toString(); });
  child.stderr?.on("data", (d: Buffer) => { output += d.toString(); });
  const baseURL = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseURL,
    stop: (signal = "SIGTERM") => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    }),
  };
}
