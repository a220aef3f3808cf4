import hre, { ethers } from "hardhat";
import { deploySuite } from "../../deploy/suite";
import { configFor } from "../../deploy/config";
import { buildZip, validateZip, type Zip } from "../../scripts/zip/zip";

/** The whole suite as `npm run deploy` builds it, on the in-process network. */
export async function suiteFixture() {
  const signers = await ethers.getSigners();
  const [deployer, guardian] = signers;
  const suite = await deploySuite(hre);
  const config = configFor("hardhat");
  const build = (zip: Omit<Zip, "author" | "sponsor" | "version" | "summary"> & Partial<Zip>) =>
    buildZip(
      hre,
      validateZip({ author: "test", sponsor: "test", version: "1", summary: "test", ...zip }),
      suite.deployment,
    );
  return { ...suite, deployer, guardianSigner: guardian, signers, config, build };
}
