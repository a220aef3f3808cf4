// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingFractional} from "@openzeppelin/contracts/governance/extensions/GovernorCountingFractional.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title ZkTokenGovernor
/// @notice The token holders' governor: OpenZeppelin Governor with settings, fractional counting where only For
/// votes count toward quorum (as ZK Nation), votes on the ZK token's timestamp clock, a quorum set as an amount of
/// ZK through governance, timelock control, late-quorum protection and a proposal guardian who can cancel.
/// @dev Warning: the proposal guardian (the emergency multisig) can cancel any proposal that is not executed; it
/// can do nothing else here.
contract ZkTokenGovernor is
    GovernorSettings,
    GovernorCountingFractional,
    GovernorVotes,
    GovernorTimelockControl,
    GovernorPreventLateQuorum,
    GovernorProposalGuardian
{
    using Checkpoints for Checkpoints.Trace208;

    /// @notice A quorum of zero would let any single For vote pass a proposal.
    uint256 public constant MIN_QUORUM = 1e18;
    /// @notice The quorum can never exceed the ZK supply cap, so it can never be unreachable by definition.
    uint256 public constant MAX_QUORUM = 21_000_000_000e18;

    error ZkTokenGovernorQuorumBelowMin(uint256 quorum, uint256 min);
    error ZkTokenGovernorQuorumAboveMax(uint256 quorum, uint256 max);
    error ZkTokenGovernorQuorumUnchanged(uint256 quorum);

    /// @notice The quorum (in For votes) changed.
    event QuorumUpdated(uint256 oldQuorum, uint256 newQuorum);

    Checkpoints.Trace208 private _quorumHistory;

    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorum;
        uint48 lateQuorumExtension;
        address proposalGuardian;
    }

    constructor(
        IERC5805 token,
        TimelockController timelock,
        Settings memory settings
    )
        Governor("ZkTokenGovernor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(token)
        GovernorTimelockControl(timelock)
        GovernorPreventLateQuorum(settings.lateQuorumExtension)
    {
        _setQuorum(settings.quorum);
        _setProposalGuardian(settings.proposalGuardian);
    }

    /// @notice The quorum in force at `timepoint`, in For votes.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        return _quorumHistory.upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @notice Sets the quorum (an amount of ZK in For votes). Only through a proposal.
    function setQuorum(uint256 newQuorum) external onlyGovernance {
        _setQuorum(newQuorum);
    }

    /// @dev Only For votes count toward quorum, as in ZK Nation's governors.
    function _quorumReached(
        uint256 proposalId
    ) internal view override(Governor, GovernorCountingFractional) returns (bool) {
        (, uint256 forVotes, ) = proposalVotes(proposalId);
        return quorum(proposalSnapshot(proposalId)) <= forVotes;
    }

    function _setQuorum(uint256 newQuorum) private {
        require(newQuorum >= MIN_QUORUM, ZkTokenGovernorQuorumBelowMin(newQuorum, MIN_QUORUM));
        require(newQuorum <= MAX_QUORUM, ZkTokenGovernorQuorumAboveMax(newQuorum, MAX_QUORUM));
        uint256 oldQuorum = _quorumHistory.latest();
        require(newQuorum != oldQuorum, ZkTokenGovernorQuorumUnchanged(newQuorum));
        _quorumHistory.push(clock(), SafeCast.toUint208(newQuorum));
        emit QuorumUpdated(oldQuorum, newQuorum);
    }

    // Overrides required by Solidity.

    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _validateCancel(
        uint256 proposalId,
        address caller
    ) internal view override(Governor, GovernorProposalGuardian) returns (bool) {
        return super._validateCancel(proposalId, caller);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
