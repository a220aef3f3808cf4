// Prometheus metrics of the relayer (prom-client), served on 127.0.0.1:<metricsPort>/metrics.
import http from "http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RelayerMetrics } from "./relayer";

/** The port the relayer serves /metrics on unless the config says otherwise (0 turns it off). */
export const DEFAULT_METRICS_PORT = 9469;

export class PrometheusRelayerMetrics implements RelayerMetrics {
  readonly registry = new Registry();
  private readonly seenTotal = new Counter({
    name: "relayer_bundles_seen_total",
    help: "Bundles read from a source chain's BundleSent events",
    labelNames: ["source"],
    registers: [this.registry],
  });
  private readonly deliveredTotal = new Counter({
    name: "relayer_bundles_delivered_total",
    help: "Bundles this relayer executed on their destination",
    labelNames: ["route"],
    registers: [this.registry],
  });
  private readonly failuresTotal = new Counter({
    name: "relayer_delivery_failures_total",
    help: "Attempts that left a bundle pending (a failing call, another executor), each retried with backoff",
    labelNames: ["route"],
    registers: [this.registry],
  });
  private readonly pendingGauge = new Gauge({
    name: "relayer_pending_bundles",
    help: "Bundles sent and neither executed nor cancelled, by route",
    labelNames: ["route"],
    registers: [this.registry],
  });
  private readonly oldestGauge = new Gauge({
    name: "relayer_oldest_pending_seconds",
    help: "Age of the oldest pending bundle of a route, since this process first read it",
    labelNames: ["route"],
    registers: [this.registry],
  });
  private readonly scannedGauge = new Gauge({
    name: "relayer_scanned_block",
    help: "The last block of a chain read for BundleSent",
    labelNames: ["chain"],
    registers: [this.registry],
  });
  private readonly upGauge = new Gauge({
    name: "relayer_chain_up",
    help: "1 while the chain answers and matches its deployment, 0 while its routes wait",
    labelNames: ["chain"],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: "relayer_delivery_latency_seconds",
    help: "From reading a bundle to its execution's receipt",
    labelNames: ["route"],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  private server?: http.Server;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  seen(source: string) {
    this.seenTotal.inc({ source });
  }
  delivered(route: string, latencySeconds: number) {
    this.deliveredTotal.inc({ route });
    this.latency.observe({ route }, latencySeconds);
  }
  failed(route: string) {
    this.failuresTotal.inc({ route });
  }
  pending(route: string, count: number, oldestSeconds: number) {
    this.pendingGauge.set({ route }, count);
    this.oldestGauge.set({ route }, oldestSeconds);
  }
  scanned(chain: string, block: number) {
    this.scannedGauge.set({ chain }, block);
  }
  up(chain: string, isUp: boolean) {
    this.upGauge.set({ chain }, isUp ? 1 : 0);
  }

  /** Serves /metrics on `host:port`; resolves once listening, rejects if the port is taken. */
  listen(port: number, host = "127.0.0.1"): Promise<void> {
    this.server = http.createServer((req, res) => {
      if (req.url !== "/metrics") {
        res.writeHead(404).end("see /metrics\n");
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { "Content-Type": this.registry.contentType }).end(text),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    return new Promise((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => resolve());
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
