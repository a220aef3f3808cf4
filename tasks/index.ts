// Hardhat tasks of zknomics; each file registers its own.
import { task } from "hardhat/config";
import { TASK_NODE } from "hardhat/builtin-tasks/task-names";
import "./bench";
import "./dashboard";
import "./feeflow";
import "./interop";
import "./zip";

// @matterlabs/hardhat-zksync replaces the node task's help with anvil-zksync's; say what actually starts.
task(
  TASK_NODE,
  "Starts a Hardhat node, an EVM JSON-RPC server on 127.0.0.1:8545 (--hostname, --port; the localhost network, " +
    "LOCALHOST_RPC_URL to point elsewhere). The other options are anvil-zksync's and apply only to a zksync " +
    "network (npm run node:zksync).",
).setAction(async (args, _hre, runSuper) => runSuper(args));
