/* eslint-disable @typescript-eslint/no-explicit-any -- like Express and fetch, bodies and message values are `any` for the learner: JSON of any shape */
/**
 * The lab SDK: the one module learner code may import (`import { createService, fetch } from "lab"`).
 * Served at GET /api/labs/sdk.d.ts for the editor's IntelliSense; the same file type-checks the labs'
 * starter and solution files in this repository. Reference with examples: labs/SDK.md.
 *
 * Everything runs inside a deterministic simulation: time is virtual (Date.now(), setTimeout and the
 * network all follow the simulated clock), Math.random is seeded, and every request, message and log
 * line becomes an event you can watch, replay and grade.
 */
declare module "lab" {
  /** A JSON value: what crosses the simulated network (bodies, messages, log fields). */
  export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

  // ───────────────────────────── services (Express-style) ─────────────────────────────

  /**
   * Defines the handlers of one service of the lab's topology (every instance of the service runs
   * them). Call it once per service, at the top level of a file.
   *
   * @example
   * const app = createService("inventory");
   * app.get("/items/:sku", (req, res) => {
   *   res.json({ sku: req.params.sku, available: 3 });
   * });
   */
  export function createService(name: string): Service;

  /** The `:param` names of a route, as with Express's types: "/orders/:id" → { id: string }. */
  export type RouteParams<P extends string> =
    P extends `${string}:${infer Name}/${infer Rest}` ? { [K in Name]: string } & RouteParams<`/${Rest}`>
      : P extends `${string}:${infer Name}` ? { [K in Name]: string } : Record<never, string>;

  export type Handler<P = Record<string, string>> = (req: Request<P>, res: Response) => void | Promise<void>;

  export interface Service {
    readonly name: string;
    /** Routes like Express: literal segments and `:param` segments, e.g. "/orders/:id". */
    get<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    post<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    put<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    patch<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    delete<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    /** Any method. */
    all<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    /**
     * Runs when an instance starts (and again after every restart): subscribe to queues and topics,
     * start timers. The instance serves requests meanwhile.
     *
     * @example
     * app.onStart(async () => {
     *   const channel = await (await amqp.connect("amqp://rabbit")).createChannel();
     *   await channel.consume("payment-requests", onPaymentRequested);
     * });
     */
    onStart(fn: () => void | Promise<void>): Service;
  }

  export interface Request<P = Record<string, string>> {
    /** "GET", "POST", … */
    readonly method: string;
    /** Path without the query string, e.g. "/orders/42". */
    readonly path: string;
    /** Path with the query string, e.g. "/items?ids=a,b". */
    readonly url: string;
    /** Values of the route's `:param` segments. */
    readonly params: P;
    /** Parsed query string; a key given twice becomes an array. */
    readonly query: Record<string, string | string[]>;
    /** Header names are lower case. Includes `traceparent` (W3C trace context). */
    readonly headers: Record<string, string>;
    /** The request body as sent (JSON value). */
    readonly body: any;
    /** The calling instance, e.g. "orders-1" or "client-1". */
    readonly from: string;
    /** A header by (case-insensitive) name. */
    get(name: string): string | undefined;
  }

  export interface Response {
    /** Sets the status code (default 200). Chainable: `res.status(404).json({ error: "not found" })`. */
    status(code: number): Response;
    /** Sets a response header. */
    set(name: string, value: string): Response;
    /** Sends a JSON body. A second send throws, as in Express. */
    json(body: unknown): void;
    /** Sends a body (a string or a JSON value). */
    send(body?: unknown): void;
    /** Sends just the status, e.g. `res.sendStatus(204)`. */
    sendStatus(code: number): void;
    /** True once the response was sent. */
    readonly headersSent: boolean;
  }

  // ───────────────────────────── calling other services ─────────────────────────────

  export interface RequestInit {
    /** Default "GET". */
    method?: string;
    headers?: Record<string, string>;
    /** A string (JSON text is parsed back to a value on the wire) or a JSON value. */
    body?: unknown;
    /** Give up after this long (virtual milliseconds): the promise rejects with a TimeoutError. */
    timeoutMs?: number;
    /** `AbortSignal.timeout(ms)`, as with the real fetch. */
    signal?: AbortSignal;
  }

  export interface Headers {
    get(name: string): string | null;
    has(name: string): boolean;
  }

  /** What fetch resolves to — any HTTP status, including 4xx and 5xx (check `ok`). */
  export interface FetchResponse {
    readonly status: number;
    /** status is 200–299. */
    readonly ok: boolean;
    readonly statusText: string;
    readonly headers: Headers;
    /** The calling instance's measured latency of this request, in virtual ms. */
    readonly latencyMs: number;
    json<T = any>(): Promise<T>;
    text(): Promise<string>;
  }

  /**
   * An HTTP request to another service of the lab: the host name is a service ("inventory") or one
   * instance ("inventory-2"). Resolves with the response (any status); rejects with a `TimeoutError`
   * (timeoutMs/signal elapsed) or a `TypeError("fetch failed")` whose `cause.code` is "ECONNREFUSED"
   * (no instance up), "ECONNRESET" (it crashed mid-request) or "ENOTFOUND" (no such service).
   *
   * @example
   * const res = await fetch(`http://inventory/items?ids=${skus.join(",")}`, { signal: AbortSignal.timeout(200) });
   * if (!res.ok) throw new Error(`inventory answered ${res.status}`);
   * const items: Item[] = await res.json();
   */
  export function fetch(url: string, init?: RequestInit): Promise<FetchResponse>;

  /** Shorthands over fetch (like axios, but resolving to the same response object as fetch). */
  export const http: {
    get(url: string, init?: RequestInit): Promise<FetchResponse>;
    delete(url: string, init?: RequestInit): Promise<FetchResponse>;
    post(url: string, body?: unknown, init?: RequestInit): Promise<FetchResponse>;
    put(url: string, body?: unknown, init?: RequestInit): Promise<FetchResponse>;
    patch(url: string, body?: unknown, init?: RequestInit): Promise<FetchResponse>;
  };

  /** Only `AbortSignal.timeout(ms)` is supported (virtual milliseconds). */
  export class AbortSignal {
    private constructor();
    static timeout(ms: number): AbortSignal;
    readonly timeoutMs: number;
  }

  // ───────────────────────────── RabbitMQ-style messaging (amqplib) ─────────────────────────────

  export interface PublishOptions {
    /** Survive a broker restart (default true). */
    persistent?: boolean;
    /** Application message id: give duplicates the same one so consumers can recognise them. */
    messageId?: string;
    headers?: Record<string, string>;
    /** Per-message TTL in ms (amqplib's `expiration`). */
    expiration?: number;
  }

  export interface ConsumeMessage {
    /** The published value (already a JS value — no Buffer). */
    readonly content: any;
    readonly fields: {
      readonly deliveryTag: number;
      /** True when the broker delivers it again (e.g. the previous consumer died before acking). */
      readonly redelivered: boolean;
      readonly exchange: string;
      readonly routingKey: string;
      readonly queue: string;
    };
    readonly properties: {
      readonly messageId: string | undefined;
      readonly headers: Record<string, string>;
    };
  }

  export interface Channel {
    /** At most `count` unacknowledged deliveries to this consumer at a time (0 = unlimited). */
    prefetch(count: number): Promise<void>;
    /** Publishes to an exchange declared by the lab ("" is the default exchange: routingKey = queue). */
    publish(exchange: string, routingKey: string, content: unknown, options?: PublishOptions): boolean;
    sendToQueue(queue: string, content: unknown, options?: PublishOptions): boolean;
    /**
     * Starts consuming a queue declared by the lab. Without `noAck`, every message must be acked (or
     * nacked) — ack only after the work is done, so a crash means redelivery, not loss.
     */
    consume(queue: string, onMessage: (msg: ConsumeMessage) => void | Promise<void>, options?: { noAck?: boolean }): Promise<{ consumerTag: string }>;
    ack(message: ConsumeMessage): void;
    /** Negative acknowledgement; `requeue` defaults to true. */
    nack(message: ConsumeMessage, allUpTo?: boolean, requeue?: boolean): void;
    reject(message: ConsumeMessage, requeue?: boolean): void;
    /** Queues are declared by the lab's scenario; this only checks the name and reports it. */
    assertQueue(queue: string): Promise<{ queue: string }>;
    close(): Promise<void>;
  }

  export interface Connection {
    createChannel(): Promise<Channel>;
    close(): Promise<void>;
  }

  /**
   * @example
   * const connection = await amqp.connect("amqp://rabbit");
   * const channel = await connection.createChannel();
   * channel.publish("orders", "order.created", { orderId }, { messageId: `order-${orderId}` });
   */
  export const amqp: { connect(url: string): Promise<Connection> };

  // ───────────────────────────── Kafka-style log (kafkajs) ─────────────────────────────

  export interface KafkaMessage { key: string | null; value: any; offset: string; timestamp: string }
  export interface EachMessagePayload { topic: string; partition: number; message: KafkaMessage }
  export interface RecordMetadata { topicName: string; partition: number; baseOffset: string }

  export interface Producer {
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    /** Appends records; resolves when the broker has assigned offsets. */
    send(record: { topic: string; messages: { key?: string | null; value: unknown; partition?: number }[] }): Promise<RecordMetadata[]>;
  }

  export interface Consumer {
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    subscribe(subscription: { topic?: string; topics?: string[]; fromBeginning?: boolean }): Promise<void>;
    /** Joins the group; `eachMessage` runs per record, offsets are committed automatically after it. */
    run(config: { eachMessage: (payload: EachMessagePayload) => void | Promise<void> }): Promise<void>;
  }

  /**
   * @example
   * const kafka = new Kafka({ clientId: "orders", brokers: ["kafka:9092"] });
   * const producer = kafka.producer();
   * await producer.connect();
   * await producer.send({ topic: "order-events", messages: [{ key: orderId, value: { type: "OrderPlaced", orderId } }] });
   */
  export class Kafka {
    constructor(config: { clientId?: string; brokers: string[] });
    producer(): Producer;
    consumer(config: { groupId: string }): Consumer;
  }

  // ───────────────────────────── time, logs, metrics ─────────────────────────────

  export type TimerId = number & { readonly __timer: unique symbol };
  /** Runs `fn` after `ms` virtual milliseconds on the instance that set it (gone if it crashes). */
  export function setTimeout(fn: (...args: any[]) => void, ms?: number, ...args: any[]): TimerId;
  export function clearTimeout(id: TimerId | undefined): void;
  /** Repeats every `ms` (at least 1) virtual milliseconds. */
  export function setInterval(fn: (...args: any[]) => void, ms?: number, ...args: any[]): TimerId;
  export function clearInterval(id: TimerId | undefined): void;
  /** `await sleep(100)` — like `setTimeout` from "node:timers/promises". */
  export function sleep(ms: number): Promise<void>;

  export type LogFields = Record<string, string | number | boolean | null>;
  /**
   * Structured logs (winston-style: message, then fields). They appear in the terminal and as `log`
   * events that objectives can check. `console.log` works too (level "info", no fields).
   *
   * @example
   * log.info("charged", { orderId, amountCents });
   */
  export const log: {
    debug(message: string, fields?: LogFields): void;
    info(message: string, fields?: LogFields): void;
    warn(message: string, fields?: LogFields): void;
    error(message: string, fields?: LogFields): void;
  };

  /**
   * Counters and histograms (prom-client flavour), shown by the terminal's `metrics` command.
   *
   * @example
   * metrics.counter("orders_accepted").inc();
   * metrics.histogram("basket_size").observe(items.length);
   */
  export const metrics: {
    counter(name: string): { inc(by?: number): void };
    histogram(name: string): { observe(value: number): void };
  };

  /** Named state of this instance (e.g. a circuit breaker: "closed" → "open"), drawn by the UI. */
  export const state: { set(name: string, value: string): void };

  /** Where the code is running right now. */
  export const env: {
    /** Service name, e.g. "orders" ("" at the top level of a file). */
    readonly service: string;
    /** Instance id, e.g. "orders-2". */
    readonly instance: string;
  };
}
