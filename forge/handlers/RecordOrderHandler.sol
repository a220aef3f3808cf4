// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ZkStakingRewards} from "../../contracts/staking/ZkStakingRewards.sol";
import {MockGovernorHistory} from "../../contracts/test/InteropMocks.sol";
import {Test} from "../base/Test.sol";

/// @notice Two staking pilots reading one governor. Proposals end in any order (deadlines at random, ties
/// included); `recordFirst` counts them in the first pilot in the order the fuzzer picks, `catchUp` counts in the
/// second every proposal the first was offered, latest-ending first. The handler keeps, for each pilot, the
/// proposals it was offered that could count (finished, with quorum).
contract RecordOrderHandler is Test {
    ZkStakingRewards public immutable FIRST;
    ZkStakingRewards public immutable SECOND;
    MockGovernorHistory public immutable HISTORY;

    uint256[] public offeredFirst;
    uint256[] public offeredSecond;
    /// @notice True when the second pilot has been offered exactly what the first was.
    bool public caughtUp = true;

    constructor(ZkStakingRewards first, ZkStakingRewards second, MockGovernorHistory history) {
        (FIRST, SECOND, HISTORY) = (first, second, history);
    }

    /// @dev A proposal in any state, with or without quorum, ending at one of a few deadlines (ties happen).
    function addProposal(uint256 stateSeed, bool matters, uint256 deadlineSeed) external {
        uint256 forVotes = matters ? HISTORY.quorumVotes() : HISTORY.quorumVotes() - 1;
        HISTORY.addProposalEnding(uint8(stateSeed % 8), forVotes, new address[](0), 1_000 + (deadlineSeed % 40));
    }

    function recordFirst(uint256 seed) external {
        uint256 count = HISTORY.proposalCount();
        if (count == 0) return;
        uint256 id = 1 + (seed % count);
        for (uint256 i; i < offeredFirst.length; i++) if (offeredFirst[i] == id) return;
        if (!_countable(id)) return;
        offeredFirst.push(id);
        caughtUp = false;
        try FIRST.recordProposal(id) {} catch {}
    }

    /// @dev Offers the second pilot what the first was offered and it was not, latest-ending first: the order
    /// least like the first's.
    function catchUp() external {
        uint256[] memory pending = new uint256[](offeredFirst.length);
        uint256 n;
        for (uint256 i; i < offeredFirst.length; i++) {
            uint256 id = offeredFirst[i];
            bool seen;
            for (uint256 j; j < offeredSecond.length; j++) if (offeredSecond[j] == id) seen = true;
            if (!seen) pending[n++] = id;
        }
        // Selection sort, latest-ending (deadline, then id) first.
        for (uint256 i; i < n; i++) {
            for (uint256 j = i + 1; j < n; j++) {
                if (_endsAfter(pending[j], pending[i])) (pending[i], pending[j]) = (pending[j], pending[i]);
            }
            offeredSecond.push(pending[i]);
            try SECOND.recordProposal(pending[i]) {} catch {}
        }
        caughtUp = true;
    }

    function offeredFirstCount() external view returns (uint256) {
        return offeredFirst.length;
    }

    /// @notice The 5 latest-ending proposals among those offered to the first pilot: what it must count.
    function expectedFirst() external view returns (uint256[] memory kept) {
        uint256[] memory all = offeredFirst;
        uint256 n = all.length;
        for (uint256 i; i < n; i++) {
            for (uint256 j = i + 1; j < n; j++) if (_endsAfter(all[j], all[i])) (all[i], all[j]) = (all[j], all[i]);
        }
        uint256 k = n < 5 ? n : 5;
        kept = new uint256[](k);
        // Oldest-ending first, as the pilot lists them.
        for (uint256 i; i < k; i++) kept[i] = all[k - 1 - i];
    }

    function _countable(uint256 id) private view returns (bool) {
        (, uint256 forVotes, ) = HISTORY.proposalVotes(id);
        return HISTORY.state(id) >= 3 && forVotes >= HISTORY.quorumVotes();
    }

    function _endsAfter(uint256 a, uint256 b) private view returns (bool) {
        (uint256 da, uint256 db) = (HISTORY.proposalDeadline(a), HISTORY.proposalDeadline(b));
        return da > db || (da == db && a > b);
    }
}
