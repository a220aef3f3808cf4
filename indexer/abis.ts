// The ABIs the indexer decodes, from the compiled contracts' typechain factories (as const, so handlers are typed).
// The governor's are its events only: the same in OpenZeppelin 4.9 (ZK Nation's Token Governor) and 5.x.
import { parseAbi } from "viem";
import {
  FeeDistributor__factory,
  FeeFlowAuction__factory,
  InteropCenter__factory,
  InteropFeeCollector__factory,
  ZkStakingRewards__factory,
  ZkToken__factory,
} from "../typechain-types";

export const abis = {
  ZkToken: ZkToken__factory.abi,
  InteropCenter: InteropCenter__factory.abi,
  InteropFeeCollector: InteropFeeCollector__factory.abi,
  FeeFlowAuction: FeeFlowAuction__factory.abi,
  FeeDistributor: FeeDistributor__factory.abi,
  ZkStakingRewards: ZkStakingRewards__factory.abi,
  Governor: parseAbi([
    "event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)",
    "event ProposalQueued(uint256 proposalId, uint256 etaSeconds)",
    "event ProposalExecuted(uint256 proposalId)",
    "event ProposalCanceled(uint256 proposalId)",
    "event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason)",
    "event VoteCastWithParams(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason, bytes params)",
    // The governor's own settings (OpenZeppelin's, ours and ZK Nation's): old and new value each.
    "event QuorumUpdated(uint256 oldQuorum, uint256 newQuorum)",
    "event IsProposeGuardedToggled(bool oldState, bool newState)",
    "event VotingDelaySet(uint256 oldVotingDelay, uint256 newVotingDelay)",
    "event VotingPeriodSet(uint256 oldVotingPeriod, uint256 newVotingPeriod)",
    "event ProposalThresholdSet(uint256 oldProposalThreshold, uint256 newProposalThreshold)",
    "event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension)",
    "event TimelockChange(address oldTimelock, address newTimelock)",
    "event ProposalGuardianSet(address oldProposalGuardian, address newProposalGuardian)",
  ]),
} as const;
