import fs from "fs";
import { task, types } from "hardhat/config";

task("dashboard", "Serves the fee-flow dashboard for deployments/<network>.json on a free loopback port")
  .addOptionalParam("port", "Port to listen on (default: a free one)", undefined, types.int)
  .setAction(async (args: { port?: number }, hre) => {
    const { cliAction, UserError } = await import("../scripts/cli");
    await cliAction(
      async () => {
        const { deploymentFile } = await import("../deploy/suite");
        const { dashboardConfig, buildPage } = await import("../scripts/dashboard/config");
        const { startDashboard } = await import("../scripts/dashboard/server");
        if (hre.network.name === "hardhat") {
          throw new UserError("the dashboard shows a node: use --network localhost, anvil or a ZKsync network");
        }
        const name = process.env.DEPLOYMENT_NAME ?? hre.network.name;
        const file = deploymentFile(name);
        if (!fs.existsSync(file))
          throw new UserError(`no deployment at ${file}: run npm run deploy -- --network ${hre.network.name}`);
        await hre.run("compile", { quiet: true });
        await buildPage();
        const url = (hre.network.config as { url: string }).url;
        const config = await dashboardConfig(hre, JSON.parse(fs.readFileSync(file, "utf8")), url, name);
        // No reachability check here: the page says when the node is down, and the node may come up later.
        const server = await startDashboard(config, { port: args.port });
        console.log(`dashboard for ${file} (node ${url}): ${server.url}`);
        console.log("Ctrl-C stops it");
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await server.close();
      },
      { checkNode: false },
    )(args, hre);
  });
