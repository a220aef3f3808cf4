// `npm run demo`: starts two anvil chains on free loopback ports, runs the demo against them, and stops them
// whatever happens (success, failure, Ctrl-C). If anvil cannot start, runs on the in-process Hardhat network.
// `npm run demo -- --keep` leaves both chains running after a successful demo, with their deployments recorded in
// deployments/demo-a.json and demo-b.json, then serves chain A's dashboard with its indexer until Ctrl-C (which
// stops both), and says how to stop the chains.
import { spawn } from "child_process";
import { startAnvil, type LocalNode } from "./nodes";

async function main() {
  const started = Date.now();
  const keep = process.argv.includes("--keep");
  const nodes: LocalNode[] = [];
  const stopAll = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  let env: NodeJS.ProcessEnv = { ...process.env };
  let args = ["hardhat", "run", "scripts/demo.ts"];
  try {
    const a = await startAnvil("A", 5_001, 20_000, [], { detached: keep });
    nodes.push(a);
    const b = await startAnvil("B", 5_002, 20_000, [], { detached: keep });
    nodes.push(b);
    console.log(`started anvil A (chain 5001) on ${a.url} and anvil B (chain 5002) on ${b.url}`);
    env = { ...env, ANVIL_PORT: String(a.port), DEMO_CHAIN_B_URL: b.url, DEMO_CHAIN_B_ID: "5002" };
    if (keep) env.DEMO_KEEP = "1";
    args = [...args, "--network", "anvil"];
  } catch (error) {
    await stopAll();
    nodes.length = 0;
    console.log(`anvil could not start (${(error as Error).message}); falling back to the in-process Hardhat network`);
  }
  const child = spawn("npx", args, { stdio: "inherit", env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const code: number = await new Promise((resolve) => child.on("exit", (c, s) => resolve(c ?? (s ? 130 : 1))));
  if (keep && code === 0 && nodes.length === 2) {
    const [a, b] = nodes;
    const pids = nodes.map((n) => n.keep());
    console.log(`\nkept running: chain A (5001) at ${a.url}, chain B (5002) at ${b.url}`);
    console.log(
      `  the dashboard again later: ANVIL_PORT=${a.port} DEPLOYMENT_NAME=demo-a npm run dashboard -- --network anvil`,
    );
    console.log(`  stop the chains: kill ${pids.join(" ")}`);
    console.log(
      `demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s; starting chain A's dashboard and indexer`,
    );
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
    // The dashboard task starts the indexer and the page, and stops both on Ctrl-C (the chains keep running).
    const dashboard = spawn("npx", ["hardhat", "dashboard", "--network", "anvil"], {
      stdio: "inherit",
      env: { ...process.env, ANVIL_PORT: String(a.port), DEPLOYMENT_NAME: "demo-a" },
    });
    const pass = (signal: NodeJS.Signals) => dashboard.kill(signal);
    process.on("SIGINT", pass);
    process.on("SIGTERM", pass);
    const done: number = await new Promise((resolve) => dashboard.on("exit", (c) => resolve(c ?? 0)));
    console.log(`dashboard and indexer stopped; the chains still run (kill ${pids.join(" ")})`);
    process.exit(done);
  }
  await stopAll();
  console.log(
    `\nstopped ${nodes.length} node(s); demo ${code === 0 ? "finished" : "failed"} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exit(code);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
