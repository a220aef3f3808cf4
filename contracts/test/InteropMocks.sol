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

/// @notice A governor's proposal history, set by hand, for the staking pilot's active-representative rule.
contract MockProposalHistory {
    uint256[] private _ids;
    mapping(uint256 id => uint8) public state;
    mapping(uint256 id => mapping(address account => bool)) public hasVoted;

    function addProposal(uint8 proposalState, address[] calldata voters) external returns (uint256 id) {
        id = _ids.length + 1;
        _ids.push(id);
        state[id] = proposalState;
        for (uint256 i; i < voters.length; i++) hasVoted[id][voters[i]] = true;
    }

    function setState(uint256 id, uint8 proposalState) external {
        state[id] = proposalState;
    }

    function proposalCount() external view returns (uint256) {
        return _ids.length;
    }

    function proposalIdAt(uint256 index) external view returns (uint256) {
        return _ids[index];
    }
}
