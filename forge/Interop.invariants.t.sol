// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeDistributor} from "../contracts/feeflow/FeeDistributor.sol";
import {InteropFeeCollector} from "../contracts/feeflow/InteropFeeCollector.sol";
import {IFeeDistributor} from "../contracts/interfaces/IFeeDistributor.sol";
import {IZkBurnable} from "../contracts/interfaces/IZkToken.sol";
import {CrossChainCounter} from "../contracts/interop/CrossChainCounter.sol";
import {InteropCenter} from "../contracts/interop/InteropCenter.sol";
import {InteropHandler} from "../contracts/interop/InteropHandler.sol";
import {RelayedRootVerifier} from "../contracts/interop/RelayedRootVerifier.sol";
import {ZkToken} from "../contracts/token/ZkToken.sol";
import {Test} from "./base/Test.sol";
import {InteropHandlerActor} from "./handlers/InteropHandlerActor.sol";

/// @notice DESIGN.md invariant 6: fees charged = calls × fee in force for every bundle; a bundle executes at most once.
contract InteropInvariants is Test {
    ZkToken internal zk;
    InteropFeeCollector internal collector;
    FeeDistributor internal distributor;
    CrossChainCounter internal counter;
    InteropHandlerActor internal actor;
    InteropCenter internal center;
    address internal constant GOV = address(0x7100);

    function setUp() public {
        zk = new ZkToken(address(this), address(this), 1_000_000_000e18);
        distributor = new FeeDistributor(GOV, IZkBurnable(address(zk)), new IFeeDistributor.Allocation[](0));
        collector = new InteropFeeCollector(address(this), IZkBurnable(address(zk)), address(distributor), 10e18, 1e14);
        center = new InteropCenter(collector, address(0));
        RelayedRootVerifier verifier = new RelayedRootVerifier(address(this), address(this));
        InteropHandler handler = new InteropHandler(verifier);
        counter = new CrossChainCounter(address(handler), center, type(uint256).max);
        actor = new InteropHandlerActor(zk, collector, center, handler, verifier, counter, GOV, address(distributor));
        verifier.grantRole(verifier.RELAYER_ROLE(), address(actor));
        collector.setGateway(address(center), true);
        collector.transferGovernance(GOV);
        for (uint256 i; i < 3; i++) {
            address sender = actor.senderAt(i);
            counter.setTrustedSender(actor.SOURCE_CHAIN(), sender, true);
            zk.transfer(sender, 100_000_000e18);
            vm.prank(sender);
            zk.approve(address(center), type(uint256).max);
        }
        targetContract(address(actor));
    }

    /// @dev Every fee charged is in one place: kept in the center for a coinbase, or swept (ZK at the distributor,
    /// native in the collector); nothing kept for another coinbase is ever swept.
    function invariant_feesEqualCallsTimesFeeInForce() public view {
        address other = actor.OTHER_COINBASE();
        uint256 zkKept = center.accumulatedZKFees(address(collector)) + center.accumulatedZKFees(other);
        uint256 nativeKept = center.accumulatedProtocolFees(address(collector)) + center.accumulatedProtocolFees(other);
        assertEq(zk.balanceOf(address(distributor)) + zkKept, actor.zkFeesExpected(), "ZK fees != calls x fee");
        assertEq(address(collector).balance + nativeKept, actor.nativeFeesExpected(), "native fees != calls x fee");
        assertEq(zk.balanceOf(address(center)), zkKept, "the center holds ZK it does not account for");
        assertEq(address(center).balance, nativeKept, "the center holds native it does not account for");
        assertEq(center.accumulatedZKFees(other), actor.otherZkExpected(), "another coinbase's ZK fees moved");
        assertEq(center.accumulatedProtocolFees(other), actor.otherNativeExpected(), "another's native fees moved");
    }

    function invariant_bundleExecutesAtMostOnce() public view {
        for (uint256 i; i < actor.deliveredCount(); i++) {
            assertLe(actor.executions(actor.deliveredHash(i)), 1, "a bundle executed twice");
        }
        assertEq(counter.messages(), actor.callsExecuted(), "delivered calls != calls of executed bundles");
    }
}
