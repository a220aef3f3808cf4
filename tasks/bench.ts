import { task } from "hardhat/config";

task("bench:gas", "Measures the gas of the hot paths; writes bench/gas.json and bench/GAS.md")
  .addFlag("check", "Fail when a figure exceeds bench/gas-budget.json by more than 1%")
  .setAction(async ({ check }: { check: boolean }, hre) => {
    await hre.run("compile", { quiet: true });
    const { benchGas } = await import("../tools/bench-gas");
    await benchGas(hre, check);
  });
