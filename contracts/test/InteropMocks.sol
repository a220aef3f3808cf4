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

/// @notice A governor's proposals, set by hand, for the staking pilot's active-representative rule: state, For
/// votes, quorum, deadline and who voted, read through the standard Governor surface.
contract MockGovernorHistory {
    struct Proposal {
        uint8 state;
        uint256 forVotes;
        uint256 deadline;
    }

    error MockUnknownProposal(uint256 id);

    uint256 public proposalCount;
    uint256 public quorumVotes = 100e18;
    mapping(uint256 id => Proposal) private _proposals;
    mapping(uint256 id => mapping(address account => bool)) public hasVoted;

    /// @notice A proposal ending now (later proposals end later), with `forVotes` For votes.
    function addProposal(
        uint8 proposalState,
        uint256 forVotes,
        address[] calldata voters
    ) external returns (uint256 id) {
        id = ++proposalCount;
        _proposals[id] = Proposal(proposalState, forVotes, block.timestamp * 1000 + id);
        for (uint256 i; i < voters.length; i++) hasVoted[id][voters[i]] = true;
    }

    /// @notice A proposal ending at `deadline` (any order), with `forVotes` For votes.
    function addProposalEnding(
        uint8 proposalState,
        uint256 forVotes,
        address[] calldata voters,
        uint256 deadline
    ) external returns (uint256 id) {
        id = ++proposalCount;
        _proposals[id] = Proposal(proposalState, forVotes, deadline);
        for (uint256 i; i < voters.length; i++) hasVoted[id][voters[i]] = true;
    }

    function setState(uint256 id, uint8 proposalState) external {
        _proposals[id].state = proposalState;
    }

    function setQuorum(uint256 newQuorum) external {
        quorumVotes = newQuorum;
    }

    function state(uint256 id) external view returns (uint8) {
        require(id != 0 && id <= proposalCount, MockUnknownProposal(id));
        return _proposals[id].state;
    }

    function proposalSnapshot(uint256 id) external view returns (uint256) {
        return _proposals[id].deadline - 1;
    }

    function proposalDeadline(uint256 id) external view returns (uint256) {
        return _proposals[id].deadline;
    }

    function quorum(uint256) external view returns (uint256) {
        return quorumVotes;
    }

    function proposalVotes(uint256 id) external view returns (uint256, uint256, uint256) {
        return (0, _proposals[id].forVotes, 0);
    }
}
