/** The terminal lines the fault controls send (the syntax of COMMAND_HELP in server/sim/commands.ts). */
export const faultCommand = {
  kill: (instance: string) => `kill ${instance}`,
  restart: (instance: string) => `restart ${instance}`,
  latency: (from: string, to: string, ms: number) => `latency ${from}->${to} ${Math.max(0, Math.round(ms))}ms`,
  loss: (from: string, to: string, percent: number) => `loss ${from}->${to} ${Math.min(100, Math.max(0, percent))}%`,
  partition: (a: string, b: string) => `partition ${a} ${b}`,
  heal: () => "heal",
};
