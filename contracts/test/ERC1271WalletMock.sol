// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice A contract wallet that accepts a signature when its owner signed the digest (ERC-1271).
contract ERC1271WalletMock is IERC1271 {
    address public immutable OWNER;

    constructor(address owner) {
        OWNER = owner;
    }

    function isValidSignature(bytes32 digest, bytes calldata signature) external view returns (bytes4) {
        (address recovered, , ) = ECDSA.tryRecover(digest, signature);
        return recovered == OWNER ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }
}
