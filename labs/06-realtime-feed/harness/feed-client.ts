// Type-checking only, never loaded: at run time the harness and the learner's files share one folder,
// so `./feed-client` in browsers.ts is the learner's file. In the repository it resolves to the starter's.
export * from "../starter/feed-client";
