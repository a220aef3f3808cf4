import fs from "fs";
import { task } from "hardhat/config";

task(
  "dashboard",
  "Serves the fee-flow dashboard for deployments/<network>.json on a free loopback port, with its indexer",
)
  .addOptionalParam("port", "Port to listen on (default: a free one)")
  .addOptionalParam("indexer", "Use an indexer already running at this URL instead of starting one")
  .setAction(async (args: { port?: string; indexer?: string }, hre) => {
    const { cliAction, UserError } = await import("../scripts/cli");
    await cliAction(
      async () => {
        const { deploymentPath, loadDeployment } = await import("../deploy/load");
        const { dashboardConfig, buildPage } = await import("../scripts/dashboard/config");
        const { startDashboard } = await import("../scripts/dashboard/server");
        const { portNumber } = await import("../lib/args");
        const port = args.port === undefined ? undefined : portNumber("port", args.port);
        if (args.indexer !== undefined && !/^https?:\/\/[^/]+/.test(args.indexer))
          throw new UserError(`--indexer must be an http(s) URL, not "${args.indexer}"`);
        if (hre.network.name === "hardhat") {
          throw new UserError("the dashboard shows a node: use --network localhost, anvil or a ZKsync network");
        }
        const name = process.env.DEPLOYMENT_NAME ?? hre.network.name;
        const file = deploymentPath(hre);
        if (!fs.existsSync(file))
          throw new UserError(`no deployment at ${file}: run npm run deploy -- --network ${hre.network.name}`);
        await loadDeployment(hre, ["FeeFlowAuction", "InteropFeeCollector", "FeeDistributor"]);
        await buildPage();
        const url = (hre.network.config as { url: string }).url;
        const config = await dashboardConfig(hre, JSON.parse(fs.readFileSync(file, "utf8")), url, name);
        if (args.indexer !== undefined && !/^https?:\/\/[^/]+/.test(args.indexer))
          throw new UserError(`--indexer must be an http(s) URL, not "${args.indexer}"`);
        // The indexer behind the history panels: started here unless one is given, and stopped with the page.
        const { startIndexer } = await import("../scripts/indexer");
        let indexer: Awaited<ReturnType<typeof startIndexer>> | undefined;
        if (!args.indexer) {
          try {
            indexer = await startIndexer({ deployment: file, rpcUrl: url, databaseUrl: process.env.DATABASE_URL });
          } catch (error) {
            // The page still shows live state and says the history waits; restart once the node is up.
            console.error(`warning: no indexer: ${(error as Error).message}`);
          }
        }
        config.indexerUrl = args.indexer ?? indexer?.url;
        // No reachability check here: the page says when the node or the indexer is down; either may come up later.
        const server = await startDashboard(config, { port });
        console.log(`dashboard for ${file} (node ${url}, indexer ${config.indexerUrl}): ${server.url}`);
        console.log("Ctrl-C stops both");
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await Promise.all([server.close(), indexer?.stop()]);
      },
      { checkNode: false },
    )(args, hre);
  });

task("indexer", "Runs the indexer (Ponder) for deployments/<network>.json: GraphQL, SQL over HTTP and /summary")
  .addOptionalParam("port", "Port of its API (default: a free one)")
  .addOptionalParam("maxSpan", "The largest eth_getLogs span, in blocks", "10000")
  .setAction(async (args: { port?: string; maxSpan: string }, hre) => {
    const { cliAction, UserError } = await import("../scripts/cli");
    await cliAction(
      async () => {
        const { deploymentPath, loadDeployment } = await import("../deploy/load");
        if (hre.network.name === "hardhat") {
          throw new UserError("the indexer reads a node: use --network localhost, anvil or a ZKsync network");
        }
        const { portNumber, wholeNumber } = await import("../lib/args");
        const maxSpan = wholeNumber("max-span", args.maxSpan, 1);
        const port = args.port === undefined ? undefined : portNumber("port", args.port);
        const file = deploymentPath(hre);
        if (!fs.existsSync(file))
          throw new UserError(`no deployment at ${file}: run npm run deploy -- --network ${hre.network.name}`);
        await loadDeployment(hre, ["FeeFlowAuction", "InteropFeeCollector", "FeeDistributor"]);
        const { startIndexer } = await import("../scripts/indexer");
        const url = (hre.network.config as { url: string }).url;
        const indexer = await startIndexer({
          deployment: file,
          rpcUrl: url,
          port,
          maxSpan,
          databaseUrl: process.env.DATABASE_URL,
          log: (line) => console.log(line),
        });
        console.log(
          `indexer for ${file} (node ${url}, ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite in .ponder/"}): ` +
            `${indexer.url}/graphql, ${indexer.url}/sql/*, ${indexer.url}/summary`,
        );
        console.log("Ctrl-C stops it");
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
          indexer.child.once("exit", () => resolve());
        });
        await indexer.stop();
      },
      { checkNode: false },
    )(args, hre);
  });
