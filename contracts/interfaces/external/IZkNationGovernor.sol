// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ZK Nation's Token Governor, as the ZIP tooling calls it
/// @notice The surface of ZK Nation's governors on ZKsync (OpenZeppelin 4.9 Governor with settings, fractional
/// counting `support=bravo&quorum=for&params=fractional`, timestamp votes, timelock control, late-quorum
/// protection, a fixed quorum set by governance, a veto guardian and a propose-guardian mode). Written for this
/// project from the governor's public behaviour, so a ZIP that calls the governor's own setters encodes them as the
/// deployed governor expects (`setQuorum(uint224)`, not `uint256`).
/// @dev Warning: the veto guardian can cancel any Pending or Active proposal; in propose-guarded mode only the
/// propose guardian can propose (`proposalThreshold()` answers 2^224 − 1 to everyone else).
interface IZkNationGovernor {
    event QuorumUpdated(uint256 oldQuorum, uint256 newQuorum);
    event IsProposeGuardedToggled(bool oldState, bool newState);

    function name() external view returns (string memory);
    function version() external view returns (string memory);
    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() external view returns (string memory);
    function clock() external view returns (uint48);
    function token() external view returns (address);
    function timelock() external view returns (address);
    // solhint-disable-next-line func-name-mixedcase
    function VETO_GUARDIAN() external view returns (address);
    // solhint-disable-next-line func-name-mixedcase
    function PROPOSE_GUARDIAN() external view returns (address);
    function isProposeGuarded() external view returns (bool);

    function votingDelay() external view returns (uint256);
    function votingPeriod() external view returns (uint256);
    function proposalThreshold() external view returns (uint256);
    function lateQuorumVoteExtension() external view returns (uint64);
    function quorum(uint256 timepoint) external view returns (uint256);
    function getVotes(address account, uint256 timepoint) external view returns (uint256);

    function hashProposal(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external pure returns (uint256);
    function state(uint256 proposalId) external view returns (uint8);
    function proposalSnapshot(uint256 proposalId) external view returns (uint256);
    function proposalDeadline(uint256 proposalId) external view returns (uint256);
    function proposalEta(uint256 proposalId) external view returns (uint256);
    function proposalVotes(
        uint256 proposalId
    ) external view returns (uint256 against, uint256 forVotes, uint256 abstain);
    function hasVoted(uint256 proposalId, address account) external view returns (bool);
    function voteWeightCast(uint256 proposalId, address account) external view returns (uint128);

    function propose(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        string calldata description
    ) external returns (uint256);
    function castVote(uint256 proposalId, uint8 support) external returns (uint256);
    /// @notice With `params` = `abi.encodePacked(uint128 against, uint128 for, uint128 abstain)`, a split vote.
    function castVoteWithReasonAndParams(
        uint256 proposalId,
        uint8 support,
        string calldata reason,
        bytes calldata params
    ) external returns (uint256);
    function queue(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external returns (uint256);
    function execute(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external payable returns (uint256);
    /// @notice Only the veto guardian, while the proposal is Pending or Active.
    function cancel(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external returns (uint256);

    // Setters, each callable only by the governor itself through a proposal (its timelock executes them).
    function setQuorum(uint224 amount) external;
    function setIsProposeGuarded(bool isProposeGuarded) external;
    function setVotingDelay(uint256 newVotingDelay) external;
    function setVotingPeriod(uint256 newVotingPeriod) external;
    function setProposalThreshold(uint256 newProposalThreshold) external;
    function setLateQuorumVoteExtension(uint64 newVoteExtension) external;
    function updateTimelock(address newTimelock) external;
    /// @notice Makes a call from the governor itself (OpenZeppelin 4.9 `Governor.relay`), e.g. to move what it holds.
    function relay(address target, uint256 value, bytes calldata data) external payable;
}
