import { defineLab } from "../../server/labs/define";
import {
  BURST_DEADLINE_MS, CRASH, DEAD_LETTER_QUEUE, POISON_DELIVERIES_MAX, QUEUE,
  checkBurstDrained, checkNoLoss, checkPoisonDeadLettered,
} from "./objectives";

/** notify-3 runs on an overloaded node for the whole run. */
const SLOW = { atMs: 0, type: "slow", instance: "notify-3", factor: 10 } as const;

export default defineLab({
  id: "05-work-queue",
  chapter: "ch05-messaging",
  section: "mq-concepts-and-architecture",
  title: { zh: "工作队列：确认、预取与死信", en: "A work queue: acks, prefetch and dead letters" },
  description: {
    zh: "通知服务的三个实例从同一个队列 notify.order-events 竞争消费，每条 OrderPlaced 发一条短信。notify-3 跑在过载的节点上，比另外两个慢十倍；1.0 秒时大促开场，半秒内涌进 500 单；1.4 秒时 notify-1 在处理到一半时被杀掉，一秒后重启；3.0 秒时旧版 App 发来一单没有手机号的订单。起始代码用自动确认、不限预取、失败只记一行日志。先运行它，看消息怎样丢、积压怎样被慢消费者囤住、坏消息怎样悄悄消失；再把它改成处理完再确认、合适的预取值、暂时失败重新入队、永久失败进死信队列。",
    en: "Three instances of the notification service compete for one queue, notify.order-events, and send one SMS per OrderPlaced event. notify-3 runs on an overloaded node, ten times slower than the others; at 1.0 s the sale opens and 500 orders arrive within half a second; at 1.4 s notify-1 is killed halfway through its work and comes back a second later; at 3.0 s the old mobile app sends an order without a phone number. The starter auto-acks, sets no prefetch and only logs failures. Run it and watch messages vanish, a slow consumer hoard the backlog and a bad message disappear without a trace; then change it to ack after the work, pick a prefetch, requeue transient failures and dead-letter permanent ones.",
  },
  goals: [
    { zh: "看到自动确认在消费者崩溃时丢消息，而“处理完再确认”让未确认的消息重新投递给别的消费者——代价是少数消息被处理两次", en: "See auto-ack lose messages when a consumer crashes, and ack-after-work hand the unacked ones to another consumer — at the price of a few handled twice" },
    { zh: "用预取值在吞吐与均衡之间取舍：不设上限，慢消费者囤积消息；设为 1，每个消费者大部分时间在等", en: "Trade throughput against balance with prefetch: unlimited lets a slow consumer hoard the queue, 1 leaves every consumer waiting most of the time" },
    { zh: "区分暂时与永久失败：暂时的重新入队再试，永久的用 nack(requeue=false) 送进死信队列，而不是无限循环", en: "Tell transient from permanent failures: requeue the first, dead-letter the second with nack(requeue=false) instead of looping forever" },
  ],
  files: ["notify.ts", "sms.ts"],
  harness: ["traffic.ts", "orders.ts"],
  scenario: {
    name: "work-queue",
    durationMs: 12_000,
    services: [
      { name: "orders", concurrency: 8, serviceTimeMs: 0.2 },
      // One CPU thread per instance, as a Node.js process has: ~4 ms of work per message.
      { name: "notify", instances: 3, concurrency: 1, serviceTimeMs: { type: "lognormal", medianMs: 4, sigma: 0.25 } },
      // 16 at a time, ~20 ms each: roughly 800 SMS a second.
      { name: "sms", concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 20, sigma: 0.3 } },
    ],
    network: { default: { latencyMs: { type: "normal", meanMs: 1, stdDevMs: 0.15 }, jitterMs: 0.2 } },
    brokers: [{
      kind: "amqp", name: "rabbit",
      exchanges: [{ name: "shop.events", type: "topic" }, { name: "notify.dlx", type: "fanout" }],
      queues: [{ name: QUEUE, deadLetterExchange: "notify.dlx" }, { name: DEAD_LETTER_QUEUE }],
      bindings: [{ exchange: "shop.events", queue: QUEUE, bindingKey: "order.#" }, { exchange: "notify.dlx", queue: DEAD_LETTER_QUEUE }],
    }],
    faults: [SLOW, CRASH],
    http: { defaultTimeoutMs: 5_000 },
  },
  objectives: [
    {
      id: "no-lost-notification",
      title: { zh: "消费者崩溃也不丢通知：每一单都收到短信", en: "No notification is lost when a consumer crashes: every order gets its SMS" },
      explain: {
        zh: "1.4 秒时 notify-1 在处理到一半时被杀掉。自动确认（`noAck: true`）下，代理把消息写进连接的那一刻就删掉了它，notify-1 手里还没处理的消息随进程一起消失。改成手动确认、在短信网关回答成功之后才 `ack`，未确认的消息会在连接断开时重新入队，交给别的实例。网关偶尔回答 503（忙），这样的消息也要有机会再试。检查的是网关的 `sms sent` 日志：除了那单没有手机号的订单，每一单至少一条。有几单收到两条是预料之中的：那是至少一次投递的代价。",
        en: "At 1.4 s notify-1 is killed halfway through its work. With auto-ack (`noAck: true`) the broker deletes a message the moment it writes it to the connection, so whatever notify-1 had not processed dies with the process. With manual acks sent only after the gateway said yes, unacked messages go back to the queue when the connection drops and another instance takes them. The gateway sometimes answers 503 (busy): those messages deserve another try too. Checks the gateway's `sms sent` log lines: every order except the one without a phone number at least once. A few orders getting two is expected — that is the price of at-least-once delivery.",
      },
      check: checkNoLoss,
    },
    {
      id: "burst-drained",
      title: { zh: `大促的 500 单在 ${BURST_DEADLINE_MS / 1000} 秒内全部发出短信`, en: `All 500 burst orders get their SMS within ${BURST_DEADLINE_MS / 1000} s` },
      explain: {
        zh: "1.0–1.5 秒之间每秒到达 1,000 单，三个消费者合起来每秒只能处理约 500 单，积压不可避免，问题是多久能消化完。预取不设上限时，代理按轮询把三分之一的消息推给慢十倍的 notify-3，它要好几秒才啃得完，另外两个实例早就闲了；预取为 1 时，每个消费者发出一条、等网关回答（约 22 ms）的这段时间什么也不做，吞吐只剩几分之一。找一个兼顾两者的值。详情里列出了每个实例发出的短信数。",
        en: "Between 1.0 s and 1.5 s orders arrive at 1,000 a second while the three consumers together handle about 500: a backlog is unavoidable, the question is how fast it drains. With no prefetch limit the broker pushes a third of the messages, round-robin, to notify-3, which is ten times slower and needs seconds to chew through them while the other two sit idle; with prefetch 1 every consumer sends one SMS and then does nothing while it waits for the gateway (~22 ms), so throughput drops to a fraction. Find a value that gets both right. The detail lists how many SMS each instance sent.",
      },
      check: checkBurstDrained,
    },
    {
      id: "poison-dead-lettered",
      title: { zh: `坏消息在 ${POISON_DELIVERIES_MAX} 次投递之内进入死信队列，且只有它`, en: `The malformed message reaches the dead-letter queue within ${POISON_DELIVERIES_MAX} deliveries — and nothing else does` },
      explain: {
        zh: "3.0 秒时旧版 App 发来的订单没有手机号，短信网关对它回答 400：再试多少次都一样，这就是毒消息。对它 `nack` 并重新入队，它会立刻回到队头、再被投递、再失败，一秒钟几十上百次；自动确认下它则悄无声息地消失了。队列 notify.order-events 配置了死信交换机 notify.dlx：对永久失败调用 `nack(msg, false, false)`，消息就经它进入 notify.dead-letter，留给人来处理。暂时失败（503、超时）不该进死信队列。",
        en: "At 3.0 s the old mobile app sends an order without a phone number, and the gateway answers 400: no number of retries will change that — a poison message. Nack it with requeue and it goes straight back to the head of the queue, is delivered again and fails again, tens to hundreds of times a second; with auto-ack it silently disappears. The queue notify.order-events has a dead-letter exchange, notify.dlx: call `nack(msg, false, false)` on a permanent failure and the message goes through it into notify.dead-letter, where a person can look at it. Transient failures (503, timeouts) do not belong there.",
      },
      check: checkPoisonDeadLettered,
    },
  ],
  hints: [
    {
      zh: "先运行起始代码。在终端里用 `queues` 看 notify.order-events：ACKED 早早就追上了消息总数，短信却远没有发完。再把时间线拖到 1.4 秒 notify-1 崩溃的那一刻：它手里的消息去哪了？",
      en: "Run the starter first. In the terminal, `queues` shows notify.order-events: ACKED catches up with the total early, yet the SMS are far from sent. Then move the timeline to 1.4 s, when notify-1 crashes: where did the messages it held go?",
    },
    {
      zh: "`consume` 的第三个参数 `{ noAck: true }` 就是自动确认。去掉它，每条消息就要由你 `channel.ack(msg)`——放在网关回答成功之后，而不是之前。",
      en: "The third argument of `consume`, `{ noAck: true }`, is auto-ack. Remove it and every message must be acked by you with `channel.ack(msg)` — after the gateway answered with success, not before.",
    },
    {
      zh: "手动确认之后，消息不丢了，但积压消化得很慢？看目标详情里每个实例发出的短信数：慢十倍的 notify-3 发得和 notify-2 一样多，说明它手里囤了太多。`channel.prefetch(n)` 限制每个消费者同时持有的未确认消息数。每条消息约 4 ms CPU，外加约 22 ms 等网关回答——一个消费者要同时持有几条，CPU 才不会空着？",
      en: "With manual acks nothing is lost, but the backlog drains slowly? Look at the SMS per instance in the objective's detail: notify-3, ten times slower, sent as many as notify-2 — it is hoarding. `channel.prefetch(n)` caps the unacked messages each consumer holds. A message costs ~4 ms of CPU plus ~22 ms waiting for the gateway: how many must a consumer hold at once to keep its CPU busy?",
    },
    {
      zh: "失败时按原因分开处理：503 或超时是暂时的，`channel.nack(msg)` 让它重新入队（`requeue` 默认为 true）；400 说明消息本身有问题，`channel.nack(msg, false, false)` 把它交给死信交换机。",
      en: "Handle failures by cause: a 503 or a timeout is transient, so `channel.nack(msg)` puts it back in the queue (`requeue` defaults to true); a 400 means the message itself is wrong, so `channel.nack(msg, false, false)` hands it to the dead-letter exchange.",
    },
    {
      zh: "别让任何一条消息无限重试：用 `msg.properties.messageId` 记下每条消息失败过几次（模块级的 `Map` 就是这个服务的数据库），超过上限也送进死信队列。",
      en: "Do not let any message retry forever: count each message's failures by `msg.properties.messageId` (a module-level `Map` is this service's database) and dead-letter it once it passes a limit.",
    },
  ],
  commands: ["kill", "restart", "pause", "resume", "slow", "latency", "loss", "queues", "broker-down", "broker-up"],
  topology: {
    nodes: [
      { id: "orders", kind: "service", label: "orders", x: 80, y: 280 },
      { id: "rabbit", kind: "broker", label: "rabbit", x: 380, y: 280 },
      { id: "shop.events", kind: "exchange", label: "shop.events", parent: "rabbit" },
      { id: QUEUE, kind: "queue", label: QUEUE, parent: "rabbit" },
      { id: "notify.dlx", kind: "exchange", label: "notify.dlx", parent: "rabbit" },
      { id: DEAD_LETTER_QUEUE, kind: "queue", label: DEAD_LETTER_QUEUE, parent: "rabbit" },
      { id: "notify", kind: "service", label: "notify ×3", x: 680, y: 280 },
      { id: "sms", kind: "service", label: "sms gateway", x: 920, y: 280 },
    ],
    edges: [
      { from: "orders", to: "rabbit" },
      { from: "rabbit", to: "notify" },
      { from: "notify", to: "sms" },
    ],
  },
  completion: {
    zh: "你把一个“看起来能跑”的消费者改成了在故障下站得住的消费者：处理完再确认，崩溃的实例手里的消息会重新投递给别人，不再丢失——代价是几单短信发了两次，这要靠幂等来消除；预取值决定了一个消费者手里能囤多少，太大让慢实例拖住整条队列，太小让每个实例都在空等；而毒消息必须和暂时失败分开处理，送进死信队列留给人看，而不是在队头无限循环。",
    en: "You turned a consumer that “seemed to work” into one that holds up under failure. Acking after the work means a crashed instance's messages are redelivered to the others instead of lost — at the price of a few SMS sent twice, which idempotency has to absorb. Prefetch decides how much one consumer may hoard: too much and a slow instance holds up the whole queue, too little and every instance waits idle. And a poison message must be told apart from a transient failure and parked in the dead-letter queue for a person, not looped at the head of the queue forever.",
  },
});
