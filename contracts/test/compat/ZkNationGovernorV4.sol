// SPDX-License-Identifier: MIT
// solhint-disable compiler-version, max-line-length
// (ZK Nation builds with solc 0.8.24 on OpenZeppelin 4.9: this fixture does too, and its import paths are long.)
pragma solidity 0.8.24;

import {IGovernor, Governor} from "@openzeppelin/contracts-v4/governance/Governor.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts-v4/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSettings} from "@openzeppelin/contracts-v4/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts-v4/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts-v4/governance/extensions/GovernorVotes.sol";
import {TimelockController} from "@openzeppelin/contracts-v4/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts-v4/governance/utils/IVotes.sol";
import {Checkpoints} from "@openzeppelin/contracts-v4/utils/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts-v4/utils/math/SafeCast.sol";
import {GovernorCountingFractionalV4} from "./GovernorCountingFractionalV4.sol";

/// @notice Test fixture: a governor built like ZK Nation's Token Governor on OpenZeppelin 4.9: settings, fractional
/// counting with For-only quorum, timestamp votes, timelock control, late-quorum protection, a fixed quorum set by
/// governance as `setQuorum(uint224)`, a veto guardian who alone may cancel (while Pending or Active), and a
/// propose-guardian mode in which only the propose guardian may propose.
contract ZkNationGovernorV4 is
    GovernorCountingFractionalV4,
    GovernorSettings,
    GovernorVotes,
    GovernorTimelockControl,
    GovernorPreventLateQuorum
{
    using Checkpoints for Checkpoints.Trace224;

    struct Params {
        IVotes token;
        TimelockController timelock;
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint224 quorum;
        uint64 voteExtension;
        address vetoGuardian;
        address proposeGuardian;
        bool isProposeGuarded;
    }

    error Unauthorized();
    error UncancelableProposalState();

    event QuorumUpdated(uint256 oldQuorum, uint256 newQuorum);
    event IsProposeGuardedToggled(bool oldState, bool newState);

    address public immutable VETO_GUARDIAN;
    address public immutable PROPOSE_GUARDIAN;
    bool public isProposeGuarded;
    Checkpoints.Trace224 private _quorums;

    constructor(
        Params memory p
    )
        Governor("ZkTokenGovernor")
        GovernorSettings(p.votingDelay, p.votingPeriod, p.proposalThreshold)
        GovernorVotes(p.token)
        GovernorTimelockControl(p.timelock)
        GovernorPreventLateQuorum(p.voteExtension)
    {
        VETO_GUARDIAN = p.vetoGuardian;
        PROPOSE_GUARDIAN = p.proposeGuardian;
        _setQuorum(p.quorum);
        _setIsProposeGuarded(p.isProposeGuarded);
    }

    function quorum(uint256 timepoint) public view override returns (uint256) {
        return _quorums.upperLookupRecent(SafeCast.toUint32(timepoint));
    }

    function setQuorum(uint224 amount) external onlyGovernance {
        _setQuorum(amount);
    }

    function setIsProposeGuarded(bool guarded) external onlyGovernance {
        _setIsProposeGuarded(guarded);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        if (_msgSender() == PROPOSE_GUARDIAN) return 0;
        if (isProposeGuarded) return type(uint224).max;
        return GovernorSettings.proposalThreshold();
    }

    /// @notice Only the veto guardian cancels, and only while the proposal is Pending or Active.
    function cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public override(IGovernor, Governor) returns (uint256) {
        if (_msgSender() != VETO_GUARDIAN) revert Unauthorized();
        ProposalState current = state(hashProposal(targets, values, calldatas, descriptionHash));
        if (current != ProposalState.Active && current != ProposalState.Pending) revert UncancelableProposalState();
        return _cancel(targets, values, calldatas, descriptionHash);
    }

    function _setQuorum(uint224 amount) private {
        emit QuorumUpdated(_quorums.latest(), amount);
        _quorums.push(SafeCast.toUint32(clock()), amount);
    }

    function _setIsProposeGuarded(bool guarded) private {
        emit IsProposeGuardedToggled(isProposeGuarded, guarded);
        isProposeGuarded = guarded;
    }

    // Overrides required by Solidity.

    function _quorumReached(
        uint256 proposalId
    ) internal view override(Governor, GovernorCountingFractionalV4) returns (bool) {
        return super._quorumReached(proposalId);
    }

    function proposalDeadline(
        uint256 proposalId
    ) public view override(IGovernor, Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function supportsInterface(
        bytes4 interfaceId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.supportsInterface(interfaceId);
    }

    function _castVote(
        uint256 proposalId,
        address account,
        uint8 support,
        string memory reason,
        bytes memory params
    ) internal override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super._castVote(proposalId, account, support, reason, params);
    }

    function _execute(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._execute(proposalId, targets, values, calldatas, descriptionHash);
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
