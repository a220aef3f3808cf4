// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeDistributor} from "../contracts/feeflow/FeeDistributor.sol";
import {FeeFlowAuction} from "../contracts/feeflow/FeeFlowAuction.sol";
import {InteropFeeCollector} from "../contracts/feeflow/InteropFeeCollector.sol";
import {IFeeDistributor} from "../contracts/interfaces/IFeeDistributor.sol";
import {IZkBurnable} from "../contracts/interfaces/IZkToken.sol";
import {ZkToken} from "../contracts/token/ZkToken.sol";
import {MockERC20} from "../contracts/test/MockERC20.sol";
import {Test} from "./base/Test.sol";
import {FeeFlowHandler} from "./handlers/FeeFlowHandler.sol";

/// @notice DESIGN.md invariants 2, 3, 4, 5, 7 and 8 over random sequences of the whole fee flow.
contract FeeFlowInvariants is Test {
    ZkToken internal zk;
    InteropFeeCollector internal collector;
    FeeFlowAuction internal auction;
    FeeDistributor internal distributor;
    FeeFlowHandler internal handler;
    MockERC20 internal usdc;
    MockERC20 internal weth;
    uint256 internal initialSupply;
    address internal constant GOV = address(0x7100);
    address internal constant GUARDIAN = address(0x6A00);

    function setUp() public {
        zk = new ZkToken(address(this), address(this), 1_000_000_000e18);
        initialSupply = zk.totalSupply();
        usdc = new MockERC20("USD Coin", "USDC", 6);
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        MockERC20 stray = new MockERC20("Stray", "STR", 18);
        distributor = new FeeDistributor(GOV, IZkBurnable(address(zk)), new IFeeDistributor.Allocation[](0));
        collector = new InteropFeeCollector(address(this), IZkBurnable(address(zk)), address(distributor), 10e18, 1e14);
        auction = new FeeFlowAuction(GOV, IZkBurnable(address(zk)), collector, GUARDIAN, 1_000e18, 100e18, 100_000e18);
        handler = new FeeFlowHandler(zk, collector, auction, distributor, GOV, usdc, weth, stray);
        collector.setReleaser(address(auction));
        collector.setGateway(address(handler), true);
        collector.setClaimable(address(0), true);
        collector.setClaimable(address(usdc), true);
        collector.setClaimable(address(weth), true);
        collector.transferGovernance(GOV);
        for (uint256 i; i < 4; i++) {
            address actor = handler.actorAt(i);
            zk.transfer(actor, 200_000_000e18);
            vm.prank(actor);
            zk.approve(address(auction), type(uint256).max);
            vm.prank(actor);
            zk.approve(address(collector), type(uint256).max);
        }
        zk.transfer(address(handler), zk.balanceOf(address(this)));
        targetContract(address(handler));
    }

    /// Invariant 2: supply after = supply before − burned; nothing else destroys ZK.
    function invariant_supplyFallsOnlyByBurns() public view {
        assertEq(
            zk.totalSupply(),
            initialSupply - distributor.totalBurned() - handler.directBurns(),
            "supply moved other than by burns"
        );
    }

    /// Invariant 3: ZK never rests in the auction or the collector, even when sent there directly (the handler's
    /// `strayZk` sends some and has anyone forward it).
    function invariant_noZkRestsInAuctionOrCollector() public view {
        assertEq(zk.balanceOf(address(auction)), 0, "ZK rests in the auction");
        assertEq(zk.balanceOf(address(collector)), 0, "ZK rests in the collector");
    }

    /// Invariant 4: assets leave the collector only through paid claims (recovery is for strays only).
    function invariant_assetsLeaveOnlyThroughPaidClaims() public view {
        for (uint256 i; i < 3; i++) {
            address asset = handler.assets(i);
            uint256 held =
                asset == address(0) ? address(collector).balance : MockERC20(asset).balanceOf(address(collector));
            assertEq(held, handler.assetIn(asset) - handler.assetClaimedOut(asset), "collector books do not balance");
        }
    }

    /// Invariant 5: ZK into the distributor = burned + paid out + balance.
    function invariant_distributorConservesZk() public view {
        assertEq(
            handler.zkIntoDistributor(),
            distributor.totalBurned() + distributor.totalPaid() + zk.balanceOf(address(distributor)),
            "distributor books do not balance"
        );
    }

    /// Invariant 5, dust: once it has distributed, the distributor never holds less than RETAINED_BALANCE (1 wei), so
    /// a claim's or a fee's payment never writes its balance from zero.
    function invariant_distributorKeepsRetainedBalance() public view {
        if (!handler.distributed()) return;
        assertGe(zk.balanceOf(address(distributor)), distributor.RETAINED_BALANCE(), "distributor was emptied");
    }

    /// Invariant 6 (fee part): ZK fees charged = calls × fee in force.
    function invariant_zkFeesMatchCallsTimesFee() public view {
        assertEq(handler.zkFeesCharged(), handler.expectedZkFees(), "ZK fees differ from calls x fee");
    }

    /// Invariant 7: the nonce moves by one per claim and per price change, never otherwise (1 = deployment price).
    function invariant_nonceCountsClaimsAndPriceChanges() public view {
        assertEq(auction.nonce(), 1 + handler.claims() + handler.priceChanges(), "nonce drifted");
    }

    /// Invariant 8: governance stays with the timelock stand-in; the handler's setter probes assert the rest.
    function invariant_governanceNeverMoves() public view {
        assertEq(auction.governance(), GOV, "auction governance moved");
        assertEq(collector.governance(), GOV, "collector governance moved");
        assertEq(distributor.governance(), GOV, "distributor governance moved");
    }
}
