// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {L2Message} from "../interop/ZKsyncMessageVerifier.sol";

/// @notice Stands in for ZKsync's L1 messenger: records what was sent.
contract MockL1Messenger {
    event SentToL1(address indexed sender, bytes message);

    bytes public lastMessage;
    address public lastSender;

    function sendToL1(bytes calldata message) external returns (bytes32) {
        lastMessage = message;
        lastSender = msg.sender;
        emit SentToL1(msg.sender, message);
        return keccak256(message);
    }
}

/// @notice Stands in for ZKsync's message verification: proves the one message it was told about.
contract MockL2MessageVerification {
    bytes32 public provenKey;

    function setProven(
        uint256 chainId,
        uint256 batchNumber,
        uint256 index,
        L2Message calldata message,
        bytes32[] calldata proof
    ) external {
        provenKey = keccak256(abi.encode(chainId, batchNumber, index, message, proof));
    }

    function proveL2MessageInclusionShared(
        uint256 chainId,
        uint256 batchNumber,
        uint256 index,
        L2Message calldata message,
        bytes32[] calldata proof
    ) external view returns (bool) {
        return
            provenKey != bytes32(0) && provenKey == keccak256(abi.encode(chainId, batchNumber, index, message, proof));
    }
}
