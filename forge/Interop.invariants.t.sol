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
    address internal constant GOV = address(0x7100);

    function setUp() public {
        zk = new ZkToken(address(this), address(this), 1_000_000_000e18);
        distributor = new FeeDistributor(GOV, IZkBurnable(address(zk)), new IFeeDistributor.Allocation[](0));
        collector = new InteropFeeCollector(address(this), IZkBurnable(address(zk)), address(distributor), 10e18, 1e14);
        InteropCenter center = new InteropCenter(collector, address(0));
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
            zk.approve(address(collector), type(uint256).max);
        }
        targetContract(address(actor));
    }

    function invariant_feesEqualCallsTimesFeeInForce() public view {
        assertEq(zk.balanceOf(address(distributor)), actor.zkFeesExpected(), "ZK fees differ from calls x fee");
        assertEq(address(collector).balance, actor.nativeFeesExpected(), "native fees differ from calls x fee");
    }

    function invariant_bundleExecutesAtMostOnce() public view {
        for (uint256 i; i < actor.deliveredCount(); i++) {
            assertLe(actor.executions(actor.deliveredHash(i)), 1, "a bundle executed twice");
        }
        assertEq(counter.messages(), actor.callsExecuted(), "delivered calls != calls of executed bundles");
    }
}
