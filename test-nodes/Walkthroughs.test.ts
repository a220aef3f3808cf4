import { expect } from "chai";
import fs from "fs";
import path from "path";
import { spawn } from "child_process";
import { startAnvil, type LocalNode } from "../scripts/nodes";

const ROOT = path.join(__dirname, "..");

/** The README's walkthroughs: each `<!-- walkthrough:name -->` and the sh block under it, line by line. */
export function walkthroughs(readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8")) {
  const found = new Map<string, string[]>();
  const re = /<!-- walkthrough:(\w+) -->\n```sh\n([\s\S]*?)\n```/g;
  for (const m of readme.matchAll(re)) {
    found.set(
      m[1],
      m[2]
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("#")),
    );
  }
  return found;
}

function bash(line: string, env: Record<string, string>) {
  return new Promise<{ status: number | null; out: string }>((resolve) => {
    const child = spawn("bash", ["-c", line], { cwd: ROOT, env: { ...process.env, ...env, FORCE_COLOR: "0" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (status) => resolve({ status, out }));
  });
}

describe("The README's walkthroughs run as written", function () {
  this.timeout(1_800_000);
  let node: LocalNode;
  const name = `walkthrough-${process.pid}`;
  const record = path.join(ROOT, "deployments", `${name}.json`);
  const built = path.join(ROOT, "proposals", "build", `raise-interop-zk-fee.${name}.json`);
  const env = () => ({ ANVIL_PORT: String(node.port), DEPLOYMENT_NAME: name });
  const outputs = new Map<string, string[]>();

  before(async () => {
    node = await startAnvil("walkthrough", 31_337);
  });
  after(async () => {
    await node?.stop();
    for (const f of [record, built]) fs.rmSync(f, { force: true });
  });

  const run = async (role: string) => {
    const lines = walkthroughs().get(role);
    expect(lines, `README has no walkthrough:${role}`).to.not.equal(undefined);
    const outs: string[] = [];
    for (const line of lines!) {
      const r = await bash(line, env());
      expect(r.status, `${line}\n${r.out}`).to.equal(0);
      expect(r.out, line).not.to.match(/\n\s+at |An unexpected error occurred/);
      outs.push(r.out);
    }
    outputs.set(role, outs);
    return outs;
  };

  it("operator: deploys, lets users pay fees in both modes, sweeps them in and burns", async function () {
    const outs = await run("operator");
    const all = outs.join("\n");
    expect(all).to.contain("Read-back check passed");
    expect(all).to.match(/CrossChainCounter deployed at 0x/);
    expect(all).to.match(/swept 0\.0003 native \(kept for the auction\) and 10 ZK \(sent to the distributor\)/);
    expect(all).to.match(/distributed [\d,.]+ ZK: burned/);
  });

  it("searcher: deposits, quotes with a dry run, claims once it pays", async function () {
    const outs = await run("searcher");
    expect(outs[0]).to.match(/deposited 0\.5 native as "licence\/acme"/);
    expect(outs[1]).to.match(/dry run: would claim/);
    expect(outs[2]).to.match(/claimed [\d.,]+ native/);
  });

  it("delegate: rehearses on a copy of ZK Nation, then runs the ZIP by hand to execution", async function () {
    const outs = await run("delegate");
    expect(outs[0]).to.contain("rehearsal passed: 1 ZIP(s)");
    expect(outs.at(-1)).to.match(/: Executed/);
  });

  it("names every role's walkthrough, and nothing else runs in them", function () {
    expect([...walkthroughs().keys()]).to.deep.equal(["operator", "searcher", "delegate"]);
  });
});
