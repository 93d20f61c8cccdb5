import { defineLab } from "../../server/labs/define";
import {
  ANALYTICS_STARTS_MS, CARRIER_HANGS, KILL, SCALE_OUT, TOPIC,
  checkAnalyticsReplay, checkCancelledNotShipped, checkNoDoubleBooking, checkNoLostEvent,
} from "./objectives";

export default defineLab({
  id: "05-partitions",
  chapter: "ch05-messaging",
  section: "kafka-vs-rabbitmq",
  title: { zh: "分区日志：键、再均衡、偏移量与重放", en: "A partitioned log: keys, rebalances, offsets and replay" },
  description: {
    zh: "订单服务把每一单的事件——下单、支付，以及五单里有一单在支付后立即取消——发布到有 4 个分区的主题 order-events。物流服务的消费者组 shipping 为已支付的订单向承运商约快递，为取消的订单撤销预约：起初两个实例，2 秒时扩容出第三个，3.6 秒时 shipping-1 在处理到一半时被杀掉；承运商的接口在 3.4–3.8 秒之间卡住。4 秒时数据分析服务上线，要把此前的全部事件读一遍。起始代码不带键发布、先提交偏移量再处理、同一事件处理两次就约两次快递、新的消费者组从日志末尾读起——逐个修好它们。",
    en: "The orders service publishes every order's events — placed, paid and, for one order in five, cancelled right after payment — to order-events, a topic with 4 partitions. The shipping consumer group books a courier with the carrier for every paid order and cancels it for a cancelled one: two instances at first, a third deployed at 2 s, and shipping-1 killed halfway through its work at 3.6 s; the carrier's API hangs between 3.4 s and 3.8 s. At 4 s the analytics service goes live and has to read every event published so far. The starter publishes without keys, commits offsets before processing, books a second courier when an event is handled twice, and starts its new consumer group at the end of the log — fix them one by one.",
  },
  goals: [
    { zh: "以订单号为键：同一订单的事件落在同一个分区，按发生的顺序被处理", en: "Key by order id: one order's events land in one partition and are handled in the order they happened" },
    { zh: "看懂消费者组的再均衡：成员加入或失效时全组暂停、重新分配分区，新主人从上次提交的偏移量继续", en: "Read a consumer-group rebalance: when a member joins or dies the group pauses and reassigns partitions, and the new owner resumes from the last committed offset" },
    { zh: "比较处理前提交与处理后提交：前者在崩溃时丢事件，后者重复处理，再用幂等键让重复无害", en: "Compare committing before and after processing: the first loses an event in a crash, the second handles it twice — and an idempotency key makes the repeat harmless" },
    { zh: "为新服务建一个自己的消费者组，从最早的偏移量重放历史，而不影响物流服务的进度", en: "Give a new service its own consumer group and replay history from the earliest offset without touching shipping's progress" },
  ],
  files: ["orders.ts", "shipping.ts", "analytics.ts", "carrier.ts"],
  scenario: {
    name: "partitions",
    durationMs: 8_000,
    services: [
      { name: "orders", serviceTimeMs: 0.2 },
      { name: "shipping", instances: 3, concurrency: 4, serviceTimeMs: { type: "lognormal", medianMs: 1, sigma: 0.3 } },
      { name: "carrier", concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 5, sigma: 0.3 } },
      { name: "analytics", startupMs: ANALYTICS_STARTS_MS, serviceTimeMs: 0.3 },
    ],
    network: { default: { latencyMs: { type: "normal", meanMs: 1, stdDevMs: 0.15 }, jitterMs: 0.2 } },
    brokers: [{ kind: "kafka", name: "kafka", topics: [{ name: TOPIC, partitions: 4 }] }],
    faults: [SCALE_OUT, CARRIER_HANGS, KILL],
    http: { defaultTimeoutMs: 5_000 },
  },
  objectives: [
    {
      id: "cancelled-not-shipped",
      title: { zh: "取消的订单不会留着快递", en: "No cancelled order keeps a courier" },
      explain: {
        zh: "五单里有一单在支付后立即取消：它的 OrderPaid 和 OrderCancelled 几乎同时发布。不带键时，生产者把消息轮流发往各个分区，同一订单的这两条事件落在两个分区，由两个实例同时处理：OrderCancelled 处理时快递还没约上，无可撤销；随后 OrderPaid 约上了快递——已取消的订单照样发货。Kafka 只保证分区内有序；以订单号为键，同一订单的事件就进同一个分区，由同一个消费者依次处理。检查的是承运商的日志：取消的订单最后都不能还有一个有效的快递预约。",
        en: "One order in five is cancelled right after payment: its OrderPaid and OrderCancelled are published almost together. Without a key the producer spreads messages round-robin over the partitions, so the two events land in two partitions and two instances handle them at the same time: when OrderCancelled is handled there is no courier yet to cancel, and then OrderPaid books one — the cancelled order ships anyway. Kafka only orders records within a partition; with the order id as the key, one order's events go to one partition and one consumer handles them in turn. Checks the carrier's log: no cancelled order may end with an active courier booking.",
      },
      check: checkCancelledNotShipped,
    },
    {
      id: "no-lost-event",
      title: { zh: "崩溃不丢事件：物流服务处理完每一条", en: "A crash loses no event: shipping finishes every one" },
      explain: {
        zh: "3.6 秒时 shipping-1 正在处理一条事件（它在等卡住的承运商），进程被杀掉。组协调者要等会话超时（1.5 秒）才认定它失效，再把它的分区分给别的实例；新主人从这些分区上次提交的偏移量读起。先提交、后处理，提交的位置已经越过了这条没处理完的事件，新主人直接跳过它：至多一次。先处理、后提交，它会被再处理一遍：至少一次。检查的是每一条事件最后是否都被物流服务的 `eachMessage` 成功处理过。",
        en: "At 3.6 s shipping-1 is killed while it handles an event (it is waiting for the hung carrier). The group coordinator only declares it dead after the session timeout (1.5 s) and then gives its partitions to the others; the new owner reads each one from its last committed offset. Commit first and process after, and the committed position is already past the unfinished event, so the new owner skips it: at-most-once. Process first and commit after, and it is handled again: at-least-once. Checks that shipping's `eachMessage` eventually finished every event.",
      },
      check: checkNoLostEvent,
    },
    {
      id: "no-double-booking",
      title: { zh: "没有订单被约了两次快递", en: "No order gets two couriers" },
      explain: {
        zh: "处理后再提交，崩溃前已经约好快递、却还没来得及提交偏移量的那条事件会被新主人再处理一遍，承运商就派来第二个快递——这就是再均衡带来的重复处理。物流服务自己的记录挡不住它：崩溃发生在承运商约好之后、记录写入之前。承运商接受 `Idempotency-Key` 首部：带着同一个键的重复请求拿回的是第一次的预约。给它一个同一事件每次都相同的键。",
        en: "Commit after processing, and the event whose courier was booked just before the crash, but whose offset was not committed yet, is handled again by the new owner — and the carrier sends a second courier. That is the duplicate processing a rebalance brings. Shipping's own records cannot stop it: the crash came after the carrier booked and before the record was written. The carrier accepts an `Idempotency-Key` header: a repeated request with the same key gets the first booking back. Give it a key that is the same every time the same event is handled.",
      },
      check: checkNoDoubleBooking,
    },
    {
      id: "analytics-replay",
      title: { zh: "数据分析服务用自己的消费者组读完全部历史", en: "Analytics reads the whole history in its own consumer group" },
      explain: {
        zh: `数据分析服务 ${ANALYTICS_STARTS_MS / 1000} 秒才上线，此前已经发布了近 300 条事件。一个新的消费者组没有已提交的偏移量，从哪里读起由 auto.offset.reset 决定，默认是 latest，只读此后到达的消息；kafkajs 里对应 \`subscribe\` 的 \`fromBeginning\`。它还必须用自己的组 ID：和 shipping 共用一个组，它就成了物流服务的竞争者，分走物流服务的分区。检查的是分析服务是否读到了主题里的每一条记录，且从未加入 shipping 组。`,
        en: `The analytics service only goes live at ${ANALYTICS_STARTS_MS / 1000} s, when nearly 300 events have been published. A new consumer group has no committed offsets, so auto.offset.reset decides where it starts: latest by default, meaning only messages that arrive from now on; in kafkajs that is \`subscribe\`'s \`fromBeginning\`. It also needs a group id of its own: in the shipping group it would compete with shipping and take its partitions away. Checks that analytics read every record of the topic and never joined the shipping group.`,
      },
      check: checkAnalyticsReplay,
    },
  ],
  hints: [
    {
      zh: "先运行起始代码，在终端里用 `topics` 看每个分区的末尾偏移量和每个组提交到了哪里。再看第一个目标列出的订单：它们的 OrderPaid 和 OrderCancelled 落在了哪些分区、由哪个实例处理？",
      en: "Run the starter first and use `topics` in the terminal: each partition's end offset and where each group has committed. Then take an order the first objective lists: which partitions did its OrderPaid and OrderCancelled land in, and which instances handled them?",
    },
    {
      zh: "`producer.send` 的每条消息都可以带 `key`。同一个键总是落在同一个分区（murmur2 哈希对分区数取模），而一个分区同一时刻只归组内一个消费者，按偏移量依次处理。",
      en: "Every message given to `producer.send` can carry a `key`. The same key always lands in the same partition (murmur2 hash modulo the partition count), and a partition belongs to one consumer of the group at a time, which handles it in offset order.",
    },
    {
      zh: "时间线上，shipping-1 在 3.6 秒崩溃，约 5.1 秒才发生再均衡：这 1.5 秒里它的分区没人消费，之后新主人从上次提交的位置读起。它崩溃时正在处理的那条事件，偏移量已经提交了——`commitOffsets` 应该放在 `handle` 之前还是之后？",
      en: "On the timeline shipping-1 crashes at 3.6 s and the rebalance only comes at about 5.1 s: for those 1.5 s nobody consumes its partitions, and then the new owner reads from the last committed position. The event it was handling when it crashed had already been committed — should `commitOffsets` come before `handle` or after it?",
    },
    {
      zh: "处理后再提交，崩溃时那条事件会被处理第二次。物流服务自己的 `orders` 记录挡不住它：崩溃发生在承运商约好之后、记录写入之前。读一读 carrier.ts 顶部的说明，再看看事件里有什么每次都不变的标识。",
      en: "With the commit after processing, the event in flight at the crash is handled a second time. Shipping's own `orders` rows cannot stop it: the crash came after the carrier booked and before the row was written. Read the note at the top of carrier.ts, and look for an identifier in the event that never changes.",
    },
    {
      zh: "数据分析服务：一个新组从哪里开始读？看 `subscribe` 的 `fromBeginning`。好奇的话，把它的 `groupId` 改成 `\"shipping\"` 再运行一次，看看物流服务的分区分配发生了什么。",
      en: "Analytics: where does a new group start reading? See `subscribe`'s `fromBeginning`. If you are curious, set its `groupId` to `\"shipping\"` and run once more: what happens to shipping's partition assignment?",
    },
  ],
  commands: ["kill", "restart", "pause", "resume", "slow", "latency", "topics", "broker-down", "broker-up"],
  topology: {
    nodes: [
      { id: "orders", kind: "service", label: "orders", x: 80, y: 300 },
      { id: "kafka", kind: "broker", label: "kafka", x: 360, y: 300 },
      { id: TOPIC, kind: "topic", label: `${TOPIC} (4 partitions)`, parent: "kafka" },
      { id: "shipping", kind: "service", label: "shipping ×3", x: 640, y: 200 },
      { id: "analytics", kind: "service", label: "analytics", x: 640, y: 470 },
      { id: "carrier", kind: "service", label: "carrier", x: 900, y: 200 },
    ],
    edges: [
      { from: "orders", to: "kafka" },
      { from: "kafka", to: "shipping" },
      { from: "kafka", to: "analytics" },
      { from: "shipping", to: "carrier" },
    ],
  },
  completion: {
    zh: "你亲手验证了 Kafka 的几条基本规则：顺序只在分区内成立，需要有序的事件就用同一个键；消费者组在成员加入或失效时整体暂停、重新分配分区，新主人从上次提交的偏移量继续；提交的时机决定了崩溃的后果——先提交会丢，后提交会重复，而重复要靠幂等来吸收；日志不因被读过而删除，一个新的消费者组随时可以从头重放全部历史，不影响任何别的组。",
    en: "You checked Kafka's ground rules first-hand: order holds only within a partition, so events that must stay in order share a key; a consumer group pauses and reassigns partitions whenever a member joins or dies, and the new owner carries on from the last committed offset; when you commit decides what a crash costs — commit first and you lose, commit after and you repeat, and idempotency absorbs the repeats; and a log is not deleted by being read, so a new consumer group can replay the whole history at any time without touching any other group.",
  },
});
