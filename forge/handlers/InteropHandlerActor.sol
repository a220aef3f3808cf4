// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IInteropAttributes,
    IInteropCenter,
    IInteropHandler,
    InteropBundles
} from "../../contracts/interfaces/IInterop.sol";
import {CrossChainCounter} from "../../contracts/interop/CrossChainCounter.sol";
import {InteropCenter} from "../../contracts/interop/InteropCenter.sol";
import {InteropHandler} from "../../contracts/interop/InteropHandler.sol";
import {RelayedRootVerifier} from "../../contracts/interop/RelayedRootVerifier.sol";
import {InteropFeeCollector} from "../../contracts/feeflow/InteropFeeCollector.sol";
import {ZkToken} from "../../contracts/token/ZkToken.sol";
import {InteroperableAddress} from "@openzeppelin/contracts/utils/draft-InteroperableAddress.sol";
import {Test} from "../base/Test.sol";

/// @notice Sends bundles of random sizes in both fee modes while governance moves the fees, and executes (and
/// re-executes) delivered bundles at random, keeping ghost totals for DESIGN.md invariant 6.
contract InteropHandlerActor is Test {
    uint256 public constant SOURCE_CHAIN = 5_001;
    uint256 public constant DEST_CHAIN = 5_002;

    ZkToken public immutable ZK;
    InteropFeeCollector public immutable COLLECTOR;
    InteropCenter public immutable CENTER;
    InteropHandler public immutable HANDLER;
    RelayedRootVerifier public immutable VERIFIER;
    CrossChainCounter public immutable COUNTER;
    address public immutable GOV;
    address public immutable DISTRIBUTOR;

    address[] internal senders;
    bytes[] internal delivered;
    mapping(bytes32 bundleHash => uint256) public executions;

    /// @notice Another operator's coinbase: fees kept for it stay in the center, claimable by it alone.
    address public constant OTHER_COINBASE = address(0xC0FFEE);

    uint256 public zkFeesExpected;
    uint256 public nativeFeesExpected;
    uint256 public otherZkExpected;
    uint256 public otherNativeExpected;
    uint256 public callsExecuted;
    uint256 public bundlesSent;

    constructor(
        ZkToken zk,
        InteropFeeCollector collector,
        InteropCenter center,
        InteropHandler handler,
        RelayedRootVerifier verifier,
        CrossChainCounter counter,
        address gov,
        address distributor
    ) {
        (ZK, COLLECTOR, CENTER, HANDLER, VERIFIER, COUNTER, GOV, DISTRIBUTOR) = (
            zk,
            collector,
            center,
            handler,
            verifier,
            counter,
            gov,
            distributor
        );
        for (uint160 i = 1; i <= 3; i++) senders.push(address(i * 0x100000));
    }

    function senderAt(uint256 i) external view returns (address) {
        return senders[i];
    }

    function deliveredCount() external view returns (uint256) {
        return delivered.length;
    }

    function deliveredHash(uint256 i) external view returns (bytes32) {
        return keccak256(delivered[i]);
    }

    /// @dev Fees charged = calls × fee in force, checked on every bundle, kept in the center for the block's
    /// coinbase: the collector (a chain whose operator names it) or another operator's address.
    function send(uint256 senderSeed, uint256 calls, bool inZk, bool otherCoinbase) external {
        address sender = senders[senderSeed % senders.length];
        calls = bound(calls, 1, 12);
        IInteropCenter.Call[] memory list = new IInteropCenter.Call[](calls);
        for (uint256 i; i < calls; i++) {
            list[i] = IInteropCenter.Call(
                InteroperableAddress.formatEvmV1(address(COUNTER)),
                abi.encode(uint256(1), bytes("")),
                new bytes[](0)
            );
        }
        bytes[] memory attributes = new bytes[](1);
        attributes[0] = abi.encodeCall(IInteropAttributes.useFixedFee, (inZk));
        uint256 fee = (inZk ? COLLECTOR.zkFeePerCall() : COLLECTOR.baseFeePerCall()) * calls;
        address coinbase = otherCoinbase ? OTHER_COINBASE : address(COLLECTOR);
        vm.coinbase(coinbase);
        uint256 zkBefore = CENTER.accumulatedZKFees(coinbase);
        uint256 nativeBefore = CENTER.accumulatedProtocolFees(coinbase);
        if (inZk) {
            if (ZK.balanceOf(sender) < fee) return;
            vm.prank(sender);
            CENTER.sendBundle(InteroperableAddress.formatEvmV1(DEST_CHAIN), list, attributes);
            zkFeesExpected += fee;
            if (otherCoinbase) otherZkExpected += fee;
        } else {
            vm.deal(sender, fee);
            vm.prank(sender);
            CENTER.sendBundle{value: fee}(InteroperableAddress.formatEvmV1(DEST_CHAIN), list, attributes);
            nativeFeesExpected += fee;
            if (otherCoinbase) otherNativeExpected += fee;
        }
        assertEq(CENTER.accumulatedZKFees(coinbase) - zkBefore, inZk ? fee : 0, "ZK fee != calls x fee");
        assertEq(CENTER.accumulatedProtocolFees(coinbase) - nativeBefore, inZk ? 0 : fee, "native fee != calls x fee");
        bundlesSent++;
    }

    /// @dev Anyone sweeps: the collector takes what is kept for it, ZK on to the distributor, never another's.
    function sweep() external {
        uint256 zkKept = CENTER.accumulatedZKFees(address(COLLECTOR));
        uint256 nativeKept = CENTER.accumulatedProtocolFees(address(COLLECTOR));
        uint256 distributorBefore = ZK.balanceOf(DISTRIBUTOR);
        uint256 collectorBefore = address(COLLECTOR).balance;
        (uint256 native, uint256 zk) = COLLECTOR.sweep(CENTER);
        assertEq(native, nativeKept, "sweep: native");
        assertEq(zk, zkKept, "sweep: ZK");
        assertEq(ZK.balanceOf(DISTRIBUTOR) - distributorBefore, zkKept, "sweep: ZK to the distributor");
        assertEq(address(COLLECTOR).balance - collectorBefore, nativeKept, "sweep: native to the collector");
        assertEq(ZK.balanceOf(address(COLLECTOR)), 0, "sweep: ZK rests in the collector");
    }

    function setZkFee(uint256 fee) external {
        fee = bound(fee, COLLECTOR.MIN_ZK_FEE_PER_CALL(), COLLECTOR.MAX_ZK_FEE_PER_CALL());
        if (fee == COLLECTOR.zkFeePerCall()) return;
        vm.prank(GOV);
        COLLECTOR.setZkFeePerCall(fee);
    }

    /// @dev A bundle arriving from another chain, posted by the relayer.
    function deliver(uint256 calls, uint256 senderSeed) external {
        calls = bound(calls, 1, 5);
        InteropBundles.BundleCall[] memory list = new InteropBundles.BundleCall[](calls);
        for (uint256 i; i < calls; i++)
            list[i] = InteropBundles.BundleCall(address(COUNTER), abi.encode(uint256(1), bytes("")));
        bytes memory bundle = abi.encode(
            InteropBundles.Bundle({
                sourceChainId: SOURCE_CHAIN,
                destinationChainId: block.chainid,
                sender: senders[senderSeed % senders.length],
                nonce: delivered.length,
                paidInZk: true,
                executor: address(0),
                unbundler: address(0),
                calls: list
            })
        );
        VERIFIER.postBundleHash(SOURCE_CHAIN, keccak256(bundle));
        delivered.push(bundle);
    }

    /// @dev Executes a delivered bundle, possibly again: a second execution must revert and change nothing.
    function execute(uint256 index) external {
        if (delivered.length == 0) return;
        bytes memory bundle = delivered[index % delivered.length];
        bytes32 hash = keccak256(bundle);
        uint256 messagesBefore = COUNTER.messages();
        if (executions[hash] != 0) {
            vm.expectRevert(abi.encodeWithSelector(IInteropHandler.InteropHandlerAlreadyExecuted.selector, hash));
            HANDLER.executeBundle(bundle, "");
            assertEq(COUNTER.messages(), messagesBefore, "a re-execution delivered calls");
            return;
        }
        HANDLER.executeBundle(bundle, "");
        executions[hash]++;
        InteropBundles.Bundle memory decoded = abi.decode(bundle, (InteropBundles.Bundle));
        callsExecuted += decoded.calls.length;
    }
}
