import { defineLab } from "../../server/labs/define";
import { exactlyOnce, logField } from "../../server/sim/objectives";
import { callsOf, faultWindow } from "../objective-helpers";

const OUTAGE = { type: "crash", instance: "payments-1" } as const;
const SHOPPERS = "shoppers";

export default defineLab({
  id: "02-sync-vs-async",
  chapter: "ch02-basic-concepts",
  section: "sync-vs-async",
  title: { zh: "同步调用链与经由队列的异步扣款", en: "A synchronous chain versus payment through a queue" },
  description: {
    zh: "同一个下单流程的两种接法。起始代码里订单服务同步调用支付服务，支付服务一宕机，下单就失败。把扣款改成向队列发布 PaymentRequested 消息并立即返回 202 Accepted，让支付服务从队列里取走处理——并且在消息被重复投递时，每笔订单仍然只扣一次款。",
    en: "The same order flow wired two ways. In the starter, orders calls payments synchronously, so when payments goes down, placing an order fails. Change checkout to publish a PaymentRequested message and answer 202 Accepted at once, let payments take the messages from the queue — and charge every order exactly once even when a message is delivered twice.",
  },
  goals: [
    { zh: "看到同步调用的时间耦合：下游宕机，上游的请求当场失败", en: "See temporal coupling: when the callee is down, the caller's requests fail on the spot" },
    { zh: "用消息队列把扣款移出同步路径：202 Accepted 表示“已受理、稍后完成”", en: "Move charging off the synchronous path with a queue: 202 Accepted means “accepted, done later”" },
    { zh: "在至少一次投递下用稳定的消息标识去重，做到每笔订单恰好扣款一次", en: "Deduplicate with a stable message id under at-least-once delivery, so each order is charged exactly once" },
  ],
  files: ["orders.ts", "payments.ts", "inventory.ts"],
  scenario: {
    name: "sync-vs-async",
    durationMs: 12_000,
    services: [
      { name: "orders", concurrency: 32, serviceTimeMs: { type: "lognormal", medianMs: 0.5, sigma: 0.3 } },
      { name: "inventory", concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 0.5, sigma: 0.3 } },
      { name: "payments", concurrency: 8, serviceTimeMs: { type: "lognormal", medianMs: 4, sigma: 0.4 } },
    ],
    network: {
      default: { latencyMs: { type: "normal", meanMs: 1, stdDevMs: 0.15 }, jitterMs: 0.2 },
      // At-least-once: now and then the broker's delivery to payments arrives twice.
      links: [{ from: "rabbit", to: "payments", duplicateProbability: 0.04, bidirectional: false }],
    },
    brokers: [{
      kind: "amqp", name: "rabbit",
      exchanges: [{ name: "payments", type: "direct" }],
      queues: [{ name: "payment-requests" }],
      bindings: [{ exchange: "payments", queue: "payment-requests", bindingKey: "payment.requested" }],
    }],
    workloads: [
      { name: SHOPPERS, protocol: "http", to: "orders", method: "POST", path: "/orders", arrival: { type: "constant", intervalMs: 50 }, count: 200, startMs: 10, timeoutMs: 2_000 },
    ],
    faults: [{ atMs: 3_000, durationMs: 3_000, ...OUTAGE }],
    http: { defaultTimeoutMs: 5_000 },
  },
  objectives: [
    {
      id: "accepted-while-down",
      title: { zh: "支付服务宕机期间，订单照常以 202 受理", en: "Orders are accepted (202) while payments is down" },
      explain: {
        zh: "3–6 秒之间支付服务宕机。同步调用链里，这段时间的每一单都失败；把扣款放进队列后，订单服务只需要写库、发消息，就能回答 202 Accepted。检查的是这段时间里客户端收到的每一个答复。",
        en: "Payments is down between 3 s and 6 s. With the synchronous chain every order in that window fails; with charging on a queue, orders only has to record the order and publish a message to answer 202 Accepted. Checks every answer the client got in that window.",
      },
      check(events, { scenario }) {
        const win = faultWindow(scenario, OUTAGE.type, OUTAGE.instance);
        const during = callsOf(events, { from: "client", to: "orders", method: "POST" }).filter((c) => c.startMs >= win.startMs && c.startMs < win.endMs);
        if (during.length === 0) return { passed: false, detail: "no order was placed while payments was down" };
        const accepted = during.filter((c) => c.status === 202).length;
        const other = [...new Set(during.filter((c) => c.status !== 202).map((c) => c.status || c.outcome))].slice(0, 4).join(", ");
        return { passed: accepted === during.length, detail: `${accepted} of ${during.length} orders placed while payments was down got 202${other ? ` (others: ${other})` : ""}` };
      },
    },
    {
      id: "charged-exactly-once",
      title: { zh: "每一笔订单最终都被扣款，而且恰好一次", en: "Every order is eventually charged, exactly once" },
      explain: {
        zh: "支付服务每扣一次款就记一行 `charged` 日志（带 orderId）。客户端下的每一单（o-0 … o-199）都必须恰好出现一次：停机期间的订单要在支付服务恢复后补上；被重复投递的消息不能扣两次款。",
        en: "Payments logs `charged` (with the orderId) for every charge. Every order the client placed (o-0 … o-199) must appear exactly once: orders from the outage must be charged once payments is back, and a message delivered twice must not charge twice.",
      },
      check(events, { scenario }) {
        const shoppers = scenario.workloads.find((w) => w.name === SHOPPERS);
        const expected = Array.from({ length: shoppers?.count ?? 0 }, (_, n) => `o-${n}`);
        return exactlyOnce(events, { occurrence: logField("payments", "charged", "orderId"), expected, what: "charge" });
      },
    },
  ],
  hints: [
    {
      zh: "先运行起始代码，在时间线上找到 3 秒处支付服务崩溃的那一刻：之后的下单请求得到了什么状态码？订单服务在等什么？",
      en: "Run the starter first and find the moment payments crashes at 3 s: what status do orders get after that? What is orders waiting for?",
    },
    {
      zh: "订单服务可以不等扣款结果：在 `onStart` 里打开一个 channel，下单时 `channel.publish(\"payments\", \"payment.requested\", …)`，然后回答 202。",
      en: "Orders does not have to wait for the charge: open a channel in `onStart`, `channel.publish(\"payments\", \"payment.requested\", …)` when an order comes in, then answer 202.",
    },
    {
      zh: "消息发出去了，还要有人取走：在 payments.ts 的 `onStart` 里 `consume(\"payment-requests\", …)`，扣款之后再 `ack`——先 ack 再扣款，崩溃时消息就丢了。",
      en: "Someone has to take the messages: `consume(\"payment-requests\", …)` in payments.ts's `onStart`, and `ack` after charging — ack first and a crash loses the message.",
    },
    {
      zh: "有几单被扣了两次？投递是“至少一次”的。给消息一个由订单号派生、重发也不变的 `messageId`，支付服务记住处理过的标识，再次收到时只 ack、不扣款。",
      en: "Some orders charged twice? Delivery is at-least-once. Give each message a `messageId` derived from the order id (the same on every resend); payments remembers the ids it processed and only acks a repeat.",
    },
  ],
  commands: ["curl", "kill", "restart", "pause", "resume", "slow", "latency", "loss", "partition", "heal", "queues", "broker-down", "broker-up"],
  topology: {
    nodes: [
      { id: "client", kind: "client", label: "client", x: 60, y: 300 },
      { id: "orders", kind: "service", label: "orders", x: 300, y: 300 },
      { id: "inventory", kind: "service", label: "inventory", x: 560, y: 100 },
      { id: "rabbit", kind: "broker", label: "rabbit", x: 560, y: 420 },
      { id: "payment-requests", kind: "queue", label: "payment-requests", parent: "rabbit", x: 560, y: 500 },
      { id: "payments", kind: "service", label: "payments", x: 860, y: 300 },
    ],
    edges: [
      { from: "client", to: "orders" },
      { from: "orders", to: "inventory" },
      { from: "orders", to: "payments" },
      { from: "orders", to: "rabbit" },
      { from: "rabbit", to: "payments" },
    ],
  },
  completion: {
    zh: "你把扣款从同步路径上移走了：支付服务宕机三秒，下单一单没丢，只是扣款推迟到它恢复之后；而在“至少一次”的投递下，稳定的消息标识加上消费方去重，让每笔订单恰好扣款一次。异步没有让故障消失，它把“现在失败”换成了“稍后完成”，也带来了去重和积压这些新的责任。",
    en: "You moved charging off the synchronous path: payments was down for three seconds and not one order was refused — charging just waited until it came back. Under at-least-once delivery, a stable message id plus deduplication in the consumer charged every order exactly once. Asynchrony did not make the failure go away: it traded “fail now” for “finish later”, with deduplication and backlogs as the new responsibilities.",
  },
});
