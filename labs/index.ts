/**
 * Every lab of the book, in order. A lab is a folder `labs/<NN-slug>/` with `lab.ts` (the definition),
 * `starter/` and `solution/`; add it here too (a test checks that folders and this list agree).
 * Format: labs/README.md. Learner SDK: labs/SDK.md.
 */
import callChain from "./01-call-chain/lab";
import syncVsAsync from "./02-sync-vs-async/lab";
import restResource from "./03-rest-resource/lab";
import grpcDeadlines from "./04-grpc-deadlines/lab";
import workQueue from "./05-work-queue/lab";
import partitions from "./05-partitions/lab";
import realtimeFeed from "./06-realtime-feed/lab";

export const LAB_DEFINITIONS: unknown[] = [callChain, syncVsAsync, restResource, grpcDeadlines, workQueue, partitions, realtimeFeed];
