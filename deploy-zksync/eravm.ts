// EraVM build: `npm run deploy:eravm -- --network zkSyncLocal` (or zkSyncSepolia with ERA_VM=1 networks).
// Compiles with zksolc and deploys the same suite, through the same routine, with EraVM bytecode.
// zksolc and anvil-zksync are downloaded from GitHub releases at first use, so this path needs a machine that
// reaches GitHub; it is not part of `npm test`.
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { Deployer } from "@matterlabs/hardhat-zksync-deploy";
import { Provider, Wallet } from "zksync-ethers";
import { deploySuite, deploymentFile } from "../deploy/suite";
import type { ContractMaker } from "../deploy/recorder";

// anvil-zksync's first rich account (documented in its README); override with DEPLOYER_PRIVATE_KEY.
const LOCAL_RICH_KEY = "0x7726827caac94a7f9e1b160f7ea819f172f7b6f9d2a97f992c38edeab82d4110";

export default async function deployEraVm(hre: HardhatRuntimeEnvironment) {
  const network = hre.network.name;
  const url = (hre.network.config as { url: string }).url;
  const key = process.env.DEPLOYER_PRIVATE_KEY ?? (network === "zkSyncLocal" ? LOCAL_RICH_KEY : undefined);
  if (!key) throw new Error(`set DEPLOYER_PRIVATE_KEY to deploy the EraVM build to ${network}`);
  const wallet = new Wallet(key, new Provider(url));
  const deployer = new Deployer(hre, wallet);
  const maker: ContractMaker = async (artifact, args) =>
    (await deployer.deploy(await deployer.loadArtifact(artifact), args)) as unknown as Awaited<
      ReturnType<ContractMaker>
    >;
  const suite = await deploySuite(hre, {
    signer: wallet,
    network: `${network}-eravm`,
    file: deploymentFile(`${network}-eravm`),
    maker,
    log: (line) => console.log(line),
  });
  console.log(`EraVM suite deployed on ${network}; addresses in ${deploymentFile(`${network}-eravm`)}`);
  return suite;
}
