// The book's structure as data: the single source of slugs and order (shared/book/OUTLINE.md).
// Slugs are stable ids used in URLs and for progress: never change a published one.

export type Locale = "zh" | "en";
export type Localized = Record<Locale, string>;

export interface OutlineSection { slug: string; title: Localized }
export interface OutlineChapter {
  slug: string;
  /** "1"…"16" for chapters, "A"…"D" for appendices. */
  label: string;
  title: Localized;
  sections: OutlineSection[];
  labs: string[];
}
export interface OutlinePart { id: string; title: Localized; chapters: OutlineChapter[] }

const s = (slug: string, zh: string, en: string): OutlineSection => ({ slug, title: { zh, en } });
const ch = (label: string, slug: string, zh: string, en: string, sections: OutlineSection[], labs: string[]): OutlineChapter =>
  ({ slug, label, title: { zh, en }, sections, labs });

export const BOOK_TITLE: Localized = {
  zh: "从入门到精通：微服务架构中的服务间通信",
  en: "From Beginner to Expert: Service-to-Service Communication in Microservices Architecture",
};

export const PARTS: OutlinePart[] = [
  {
    id: "part-1", title: { zh: "服务间通信概述", en: "Overview" },
    chapters: [
      ch("1", "ch01-introduction", "服务间通信简介", "Introduction to service-to-service communication", [
        s("microservices-architecture-overview", "微服务架构概述", "Microservices architecture at a glance"),
        s("importance-and-challenges", "服务间通信的重要性与挑战", "Why communication matters, and what makes it hard"),
        s("key-elements", "服务间通信的关键要素", "The key elements of a service call"),
        s("microservices-vs-monolith-communication", "微服务与传统架构中的通信区别", "Communication in microservices versus a monolith"),
      ], ["01-call-chain"]),
      ch("2", "ch02-basic-concepts", "服务间通信的基本概念", "Basic concepts", [
        s("sync-vs-async", "同步与异步通信", "Synchronous and asynchronous communication"),
        s("request-response-vs-event-driven", "请求/响应与事件驱动", "Request/response and event-driven"),
        s("styles-overview", "REST、RPC、消息队列等通信方式简介", "REST, RPC, message queues: an overview of styles"),
      ], ["02-sync-vs-async"]),
    ],
  },
  {
    id: "part-2", title: { zh: "通信方式详解", en: "Communication styles in depth" },
    chapters: [
      ch("3", "ch03-rest", "基于 HTTP 的通信（RESTful API）", "HTTP-based communication (RESTful APIs)", [
        s("rest-fundamentals", "REST 架构风格基础", "REST fundamentals"),
        s("methods-and-status-codes", "HTTP 请求方法和状态码", "HTTP methods and status codes"),
        s("api-design-best-practices", "设计 RESTful API 最佳实践", "Designing RESTful APIs: best practices"),
        s("limitations", "REST 的局限性与扩展性问题", "Limits of REST and scaling concerns"),
      ], ["03-rest-resource"]),
      ch("4", "ch04-rpc", "基于 RPC 的服务间通信（gRPC 与 Thrift）", "RPC-based communication (gRPC and Thrift)", [
        s("rpc-overview", "RPC 概述", "RPC overview"),
        s("grpc-and-protobuf", "gRPC 与 Protobuf：高效的序列化与传输", "gRPC and Protobuf: efficient serialisation and transport"),
        s("grpc-use-cases", "gRPC 的优势与应用场景", "Where gRPC shines"),
        s("thrift", "Thrift：跨语言的 RPC 实现", "Thrift: cross-language RPC"),
      ], ["04-grpc-deadlines"]),
      ch("5", "ch05-messaging", "基于消息队列的异步通信（Kafka, RabbitMQ）", "Asynchronous messaging (Kafka, RabbitMQ)", [
        s("mq-concepts-and-architecture", "消息队列基本概念与架构", "Message queue concepts and architecture"),
        s("async-advantages", "异步通信的优点", "What asynchronous communication buys you"),
        s("kafka-vs-rabbitmq", "Kafka vs RabbitMQ：对比与选择", "Kafka versus RabbitMQ: comparison and choice"),
        s("event-driven-with-mq", "使用消息队列实现事件驱动架构", "Event-driven architecture with message queues"),
      ], ["05-work-queue", "05-partitions"]),
      ch("6", "ch06-websockets", "基于 WebSockets 的实时通信", "Real-time communication with WebSockets", [
        s("protocol-introduction", "WebSockets 协议简介", "The WebSocket protocol"),
        s("websockets-vs-http", "WebSockets 与 HTTP 的区别", "WebSockets versus HTTP"),
        s("real-time-use-cases", "微服务中的实时通信应用场景", "Real-time use cases in microservices"),
        s("designing-websocket-services", "设计与实现 WebSockets 服务", "Designing and building WebSocket services"),
      ], ["06-realtime-feed"]),
    ],
  },
  {
    id: "part-3", title: { zh: "高级通信模式与技术", en: "Advanced patterns" },
    chapters: [
      ch("7", "ch07-service-mesh", "服务网格与服务间通信", "Service mesh", [
        s("mesh-fundamentals", "服务网格基础：Istio、Linkerd", "Service mesh fundamentals: Istio, Linkerd"),
        s("how-mesh-simplifies", "服务网格如何简化服务间通信", "How a mesh simplifies communication"),
        s("traffic-control-and-load-balancing", "流量控制与负载均衡", "Traffic control and load balancing"),
        s("mesh-security-and-observability", "服务网格中的安全与监控", "Security and observability in a mesh"),
      ], ["07-canary"]),
      ch("8", "ch08-event-sourcing", "事件驱动架构与事件源模式", "Event-driven architecture and event sourcing", [
        s("eda-core-concepts", "事件驱动架构的核心概念", "Core concepts of event-driven architecture"),
        s("event-sourcing-and-event-store", "事件源模式与事件存储", "Event sourcing and the event store"),
        s("es-and-cqrs", "Event Sourcing 与 CQRS 模式", "Event sourcing and CQRS"),
        s("eda-tradeoffs", "事件驱动通信的优势与挑战", "Trade-offs of event-driven communication"),
      ], ["08-cqrs"]),
      ch("9", "ch09-security", "服务间通信中的安全性", "Security in service-to-service communication", [
        s("oauth2-and-jwt", "身份认证与授权：OAuth2, JWT", "Authentication and authorisation: OAuth 2.0, JWT"),
        s("mtls", "服务间加密通信（mTLS）", "Encrypted service-to-service traffic (mTLS)"),
        s("replay-and-mitm", "防止重放攻击与中间人攻击", "Preventing replay and man-in-the-middle attacks"),
        s("security-best-practices", "安全最佳实践", "Security best practices"),
      ], ["09-zero-trust"]),
    ],
  },
  {
    id: "part-4", title: { zh: "服务间通信的性能与优化", en: "Performance" },
    chapters: [
      ch("10", "ch10-performance", "服务间通信中的性能优化", "Performance optimisation", [
        s("latency-and-throughput", "延迟与吞吐量分析", "Latency and throughput"),
        s("network-bottlenecks", "微服务间的网络瓶颈", "Network bottlenecks between services"),
        s("optimizing-http", "优化 HTTP 请求与响应", "Optimising HTTP requests and responses"),
        s("tuning-message-queues", "消息队列的性能调优", "Tuning message queues"),
      ], ["10-capacity"]),
      ch("11", "ch11-fault-tolerance", "容错与高可用性", "Fault tolerance and high availability", [
        s("fault-tolerance-design", "服务间通信中的容错设计", "Designing for faults"),
        s("circuit-breaker", "断路器模式与 Hystrix", "The circuit breaker pattern and Hystrix"),
        s("degradation-and-fusing", "服务降级与熔断机制", "Graceful degradation and tripping"),
        s("mq-retry-and-durability", "消息队列的重试与持久化策略", "Retries and durability in message queues"),
      ], ["11-circuit-breaker"]),
    ],
  },
  {
    id: "part-5", title: { zh: "服务间通信的实践与案例", en: "Practice" },
    chapters: [
      ch("12", "ch12-patterns", "微服务架构中的服务间通信模式", "Communication patterns in practice", [
        s("rest-invocation-patterns", "基于 REST 的服务调用模式", "REST invocation patterns"),
        s("async-messaging-patterns", "基于消息队列的异步模式", "Asynchronous messaging patterns"),
        s("eda-in-practice", "事件驱动架构实践", "Event-driven architecture in practice"),
        s("choosing-a-style", "选择合适的通信方式", "Choosing a communication style"),
      ], ["12-gateway-and-outbox"]),
      ch("13", "ch13-case-study", "设计与实现一个服务间通信系统", "Case study: designing and building a system", [
        s("designing-the-system", "实际案例：设计一个微服务系统", "Designing the system"),
        s("choosing-and-implementing", "选择与实现合适的通信方式", "Choosing and implementing the styles"),
        s("security-resilience-performance", "安全性、容错性与性能优化", "Security, resilience and performance"),
      ], ["13-order-saga"]),
      ch("14", "ch14-observability", "监控与故障排查", "Monitoring and troubleshooting", [
        s("monitoring-communication", "如何监控微服务之间的通信", "Monitoring communication between services"),
        s("logs-and-tracing", "日志与分布式追踪", "Logs and distributed tracing"),
        s("alerting-and-diagnosis", "实时告警与故障诊断", "Alerting and diagnosis"),
        s("production-troubleshooting", "生产环境中的问题排查", "Troubleshooting in production"),
      ], ["14-tracing"]),
    ],
  },
  {
    id: "part-6", title: { zh: "前沿技术与未来趋势", en: "The future" },
    chapters: [
      ch("15", "ch15-future", "未来的服务间通信技术", "Future communication technologies", [
        s("emerging-technologies", "服务间通信中的新兴技术（如 GraphQL）", "Emerging technologies (such as GraphQL)"),
        s("edge-computing", "边缘计算与服务间通信", "Edge computing"),
        s("quantum-communication", "量子通信与微服务架构的未来", "Quantum communication and the future"),
        s("evolution-and-trends", "微服务通信的演变与趋势", "Evolution and trends"),
      ], ["15-graphql-gateway"]),
      ch("16", "ch16-summary", "总结与最佳实践", "Summary and best practices", [
        s("key-points", "关键要点回顾", "Key points"),
        s("challenges-summary", "微服务架构中的通信挑战总结", "The challenges, summarised"),
        s("future-strategies", "面对未来的服务间通信策略", "Strategies for what comes next"),
      ], ["16-capstone"]),
    ],
  },
];

export const APPENDICES: OutlineChapter[] = [
  ch("A", "appendix-a-tools-and-resources", "微服务架构设计工具与资源", "Tools and resources", [], []),
  ch("B", "appendix-b-open-source-projects", "相关技术与开源项目介绍", "Related technologies and open-source projects", [], []),
  ch("C", "appendix-c-faq", "常见问题与解答", "Frequently asked questions", [], []),
  ch("D", "appendix-d-testing", "服务间通信的常用测试工具与方法", "Testing tools and methods", [], ["d-contract-testing"]),
];

/** Every chapter and appendix in reading order. */
export const ALL_CHAPTERS: OutlineChapter[] = [...PARTS.flatMap((p) => p.chapters), ...APPENDICES];

export function findChapter(slug: string): OutlineChapter | undefined {
  return ALL_CHAPTERS.find((c) => c.slug === slug);
}

export function partOf(chapterSlug: string): OutlinePart | undefined {
  return PARTS.find((p) => p.chapters.some((c) => c.slug === chapterSlug));
}
