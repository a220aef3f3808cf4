// SPDX-License-Identifier: MIT
// solhint-disable compiler-version, max-line-length
// (ZK Nation builds with solc 0.8.24 on OpenZeppelin 4.9: this fixture does too, and its import paths are long.)
pragma solidity 0.8.24;

import {Governor} from "@openzeppelin/contracts-v4/governance/Governor.sol";
import {SafeCast} from "@openzeppelin/contracts-v4/utils/math/SafeCast.sol";

/// @notice Test fixture: fractional vote counting for an OpenZeppelin 4.9 Governor, as ZK Nation counts. Empty
/// params vote the whole weight for `support`; params of three packed uint128 (against, for, abstain) split it,
/// and may be cast several times until the weight is used. Only For votes count toward quorum.
abstract contract GovernorCountingFractionalV4 is Governor {
    struct ProposalVote {
        uint256 againstVotes;
        uint256 forVotes;
        uint256 abstainVotes;
    }

    error FractionalAllWeightCast(address account);
    error FractionalInvalidParams(uint256 length);
    error FractionalExceedsWeight(uint256 weight, uint256 available);
    error FractionalInvalidSupport(uint8 support);

    mapping(uint256 proposalId => ProposalVote) private _votes;
    mapping(uint256 proposalId => mapping(address account => uint256)) public voteWeightCast;

    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo&quorum=for&params=fractional";
    }

    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        return voteWeightCast[proposalId][account] != 0;
    }

    function proposalVotes(uint256 proposalId) public view virtual returns (uint256, uint256, uint256) {
        ProposalVote storage v = _votes[proposalId];
        return (v.againstVotes, v.forVotes, v.abstainVotes);
    }

    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        return quorum(proposalSnapshot(proposalId)) <= _votes[proposalId].forVotes;
    }

    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        return _votes[proposalId].forVotes > _votes[proposalId].againstVotes;
    }

    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 weight,
        bytes memory params
    ) internal virtual override {
        uint256 cast = voteWeightCast[proposalId][account];
        if (cast >= weight) revert FractionalAllWeightCast(account);
        ProposalVote storage v = _votes[proposalId];
        if (params.length == 0) {
            if (cast != 0) revert FractionalAllWeightCast(account);
            voteWeightCast[proposalId][account] = weight;
            if (support == 0) v.againstVotes += weight;
            else if (support == 1) v.forVotes += weight;
            else if (support == 2) v.abstainVotes += weight;
            else revert FractionalInvalidSupport(support);
            return;
        }
        if (params.length != 48) revert FractionalInvalidParams(params.length);
        uint256 word0;
        uint256 word1;
        // Three packed uint128: bytes [0,16) against, [16,32) for, [32,48) abstain.
        (word0, word1) = abi.decode(abi.encodePacked(params, new bytes(16)), (uint256, uint256));
        uint256 against = word0 >> 128;
        uint256 forVotes = uint128(word0);
        uint256 abstain = word1 >> 128;
        uint256 total = against + forVotes + abstain;
        if (cast + total > weight) revert FractionalExceedsWeight(total, weight - cast);
        voteWeightCast[proposalId][account] = SafeCast.toUint128(cast + total);
        v.againstVotes += against;
        v.forVotes += forVotes;
        v.abstainVotes += abstain;
    }
}
