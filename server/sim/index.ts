/**
 * Public entry of the simulation engine. Everything a lab, the sandbox bridge or the UI needs is
 * re-exported here; other modules are internal.
 */
export { Sim, createSim, type SimOptions, type InstanceSnapshot } from "./sim";
export type * from "./api";
export type * from "./events";
export { ofType } from "./events";
export { parseScenario, scenarioSchema, ScenarioError, type Scenario, type ScenarioInput, type ServiceSpec, type LinkSettings } from "./scenario";
export { faultSchema, scheduledFaultSchema, type Fault, type FaultInput, type ScheduledFault } from "./scenario-faults";
export { brokerSchema, type BrokerSpec } from "./scenario-brokers";
export { workloadSchema, type Workload } from "./scenario-workloads";
export { distributionSchema, type Distribution } from "./distributions";
export { SimLimitError, simLimitsSchema, type SimLimits } from "./limits";
export { parseCommand, COMMAND_HELP, type CommandResult } from "./commands";
export { GrpcStatus, grpcStatusName } from "./grpc-status";
export { WsCloseCode, wsCloseCodeName } from "./websocket-codes";
export { Metrics, Histogram, metricsFromEvents, type HistogramSummary } from "./metrics";
export * as objectives from "./objectives";
export type { ObjectiveResult } from "./objectives";
export { formatTraceparent, parseTraceparent } from "./tracing";
export { simTimeMs, type SimTimeMs } from "./time";
export { Prng } from "./prng";
