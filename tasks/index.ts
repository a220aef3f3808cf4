// Hardhat tasks of zknomics; each file registers its own.
import "./bench";
import "./feeflow";
import "./zip";
