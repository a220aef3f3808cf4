// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGoverned} from "../../contracts/interfaces/IGoverned.sol";
import {IFeeFlowAuction} from "../../contracts/interfaces/IFeeFlowAuction.sol";
import {IFeeDistributor} from "../../contracts/interfaces/IFeeDistributor.sol";
import {IInteropFeeCollector} from "../../contracts/interfaces/IInteropFeeCollector.sol";
import {FeeDistributor} from "../../contracts/feeflow/FeeDistributor.sol";
import {FeeFlowAuction} from "../../contracts/feeflow/FeeFlowAuction.sol";
import {InteropFeeCollector} from "../../contracts/feeflow/InteropFeeCollector.sol";
import {ZkToken} from "../../contracts/token/ZkToken.sol";
import {MockERC20} from "../../contracts/test/MockERC20.sol";
import {Test} from "../base/Test.sol";

/// @notice Drives the whole fee flow at random: fees in both modes, deposits, direct transfers, claims (fresh
/// and stale), price changes, allocations, distributions, recoveries and unauthorized setter calls. Keeps ghost
/// totals of every flow so the invariants can check the books.
contract FeeFlowHandler is Test {
    ZkToken public immutable ZK;
    InteropFeeCollector public immutable COLLECTOR;
    FeeFlowAuction public immutable AUCTION;
    FeeDistributor public immutable DISTRIBUTOR;
    address public immutable GOV;
    address[3] public assets; // native, then two ERC-20s
    MockERC20 public immutable STRAY;

    address[] internal actors;

    // Ghost totals.
    uint256 public zkIntoDistributor;
    uint256 public directBurns;
    /// @dev Whether the distributor has distributed at least once (it keeps RETAINED_BALANCE from then on).
    bool public distributed;
    uint256 public claims;
    uint256 public priceChanges;
    mapping(address asset => uint256) public assetIn;
    mapping(address asset => uint256) public assetClaimedOut;
    uint256 public zkFeesCharged;
    uint256 public expectedZkFees;

    constructor(
        ZkToken zk,
        InteropFeeCollector collector,
        FeeFlowAuction auction,
        FeeDistributor distributor,
        address gov,
        MockERC20 usdc,
        MockERC20 weth,
        MockERC20 stray
    ) {
        ZK = zk;
        COLLECTOR = collector;
        AUCTION = auction;
        DISTRIBUTOR = distributor;
        GOV = gov;
        (assets[0], assets[1], assets[2]) = (address(0), address(usdc), address(weth));
        if (assets[2] < assets[1]) (assets[1], assets[2]) = (assets[2], assets[1]);
        STRAY = stray;
        for (uint160 i = 1; i <= 4; i++) {
            address actor = address(i * 0x10000);
            actors.push(actor);
        }
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    // ---- revenue in ----

    /// @dev The handler is a registered gateway, as InteropCenter is.
    function collectFee(uint256 payerSeed, uint256 calls, bool inZk) external {
        address payer = _actor(payerSeed);
        calls = bound(calls, 1, 50);
        if (inZk) {
            uint256 fee = COLLECTOR.zkFeePerCall() * calls;
            if (ZK.balanceOf(payer) < fee) return;
            COLLECTOR.collectInteropFee(payer, calls, true);
            zkIntoDistributor += fee;
            zkFeesCharged += fee;
            expectedZkFees += COLLECTOR.zkFeePerCall() * calls;
        } else {
            uint256 fee = COLLECTOR.baseFeePerCall() * calls;
            vm.deal(address(this), fee);
            COLLECTOR.collectInteropFee{value: fee}(payer, calls, false);
            assetIn[address(0)] += fee;
        }
    }

    function depositRevenue(uint256 actorSeed, uint256 assetSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1, 1e24);
        uint256 which = assetSeed % 4;
        if (which == 3) {
            if (ZK.balanceOf(actor) == 0) return;
            amount = bound(amount, 1, ZK.balanceOf(actor));
            vm.prank(actor);
            COLLECTOR.depositRevenue(address(ZK), amount, bytes32(assetSeed));
            zkIntoDistributor += amount;
            return;
        }
        address asset = assets[which];
        if (asset == address(0)) {
            vm.deal(actor, amount);
            vm.prank(actor);
            COLLECTOR.depositRevenue{value: amount}(address(0), amount, bytes32(assetSeed));
        } else {
            MockERC20(asset).mint(actor, amount);
            vm.prank(actor);
            MockERC20(asset).approve(address(COLLECTOR), amount);
            vm.prank(actor);
            COLLECTOR.depositRevenue(asset, amount, bytes32(assetSeed));
        }
        assetIn[asset] += amount;
    }

    /// @dev Revenue and strays sent with plain transfers, including ZK sent straight to the distributor.
    function sendDirect(uint256 assetSeed, uint256 amount) external {
        amount = bound(amount, 1, 1e22);
        uint256 which = assetSeed % 4;
        if (which == 3) {
            STRAY.mint(address(COLLECTOR), amount);
            return;
        }
        address asset = assets[which];
        if (asset == address(0)) {
            vm.deal(address(this), amount);
            (bool ok, ) = address(COLLECTOR).call{value: amount}("");
            assertTrue(ok, "native transfer to the collector failed");
        } else {
            MockERC20(asset).mint(address(COLLECTOR), amount);
        }
        assetIn[asset] += amount;
    }

    function sendZkToDistributor(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 0, ZK.balanceOf(actor));
        vm.prank(actor);
        ZK.transfer(address(DISTRIBUTOR), amount);
        zkIntoDistributor += amount;
    }

    /// @dev ZK sent straight to the collector or the auction; anyone forwards it to the distributor.
    function strayZk(uint256 actorSeed, uint256 forwarderSeed, bool toAuction, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1, ZK.balanceOf(actor) + 1);
        if (amount > ZK.balanceOf(actor)) return;
        address target = toAuction ? address(AUCTION) : address(COLLECTOR);
        vm.prank(actor);
        ZK.transfer(target, amount);
        uint256 distributorBefore = ZK.balanceOf(address(DISTRIBUTOR));
        vm.prank(_actor(forwarderSeed));
        uint256 forwarded = toAuction ? AUCTION.forwardZk() : COLLECTOR.forwardZk();
        assertEq(forwarded, amount, "forwarded other than the stray");
        assertEq(ZK.balanceOf(address(DISTRIBUTOR)), distributorBefore + amount, "stray ZK missed the distributor");
        zkIntoDistributor += amount;
    }

    /// @dev A claim naming the collector or the auction as recipient pays nothing and moves nothing.
    function claimToFlowContract(uint256 claimerSeed, bool auctionAsRecipient) external {
        address claimer = _actor(claimerSeed);
        address recipient = auctionAsRecipient ? address(AUCTION) : address(COLLECTOR);
        IInteropFeeCollector.ReleaseRequest[] memory requests = new IInteropFeeCollector.ReleaseRequest[](1);
        requests[0] = IInteropFeeCollector.ReleaseRequest(assets[1], 0);
        uint256 nonce = AUCTION.nonce();
        uint256 price = AUCTION.price();
        if (AUCTION.paused()) return;
        vm.expectRevert(abi.encodeWithSelector(IFeeFlowAuction.FeeFlowAuctionInvalidRecipient.selector, recipient));
        vm.prank(claimer);
        AUCTION.claim(requests, recipient, nonce, price, block.timestamp);
    }

    function burnDirectly(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 0, ZK.balanceOf(actor));
        vm.prank(actor);
        ZK.burn(amount);
        directBurns += amount;
    }

    // ---- claims ----

    function claim(uint256 claimerSeed, uint256 recipientSeed, uint256 mask, bool stale) external {
        address claimer = _actor(claimerSeed);
        address recipient = _actor(recipientSeed);
        mask = bound(mask, 1, 7);
        uint256 count;
        for (uint256 i; i < 3; i++) if (mask & (1 << i) != 0) count++;
        IInteropFeeCollector.ReleaseRequest[] memory requests = new IInteropFeeCollector.ReleaseRequest[](count);
        uint256 k;
        for (uint256 i; i < 3; i++) {
            if (mask & (1 << i) != 0) requests[k++] = IInteropFeeCollector.ReleaseRequest(assets[i], 0);
        }
        uint256 nonce = AUCTION.nonce();
        uint256 price = AUCTION.price();
        if (ZK.balanceOf(claimer) < price || AUCTION.paused()) return;

        uint256[] memory recipientBefore = new uint256[](count);
        for (uint256 i; i < count; i++) recipientBefore[i] = _balance(requests[i].asset, recipient);
        uint256 zkBefore = ZK.balanceOf(claimer);
        uint256 distributorBefore = ZK.balanceOf(address(DISTRIBUTOR));

        if (stale) {
            vm.expectRevert(
                abi.encodeWithSelector(IFeeFlowAuction.FeeFlowAuctionNonceMismatch.selector, nonce + 1, nonce)
            );
            vm.prank(claimer);
            AUCTION.claim(requests, recipient, nonce + 1, price, block.timestamp);
            assertEq(ZK.balanceOf(claimer), zkBefore, "a stale claim moved ZK");
            return;
        }

        vm.prank(claimer);
        uint256[] memory amounts = AUCTION.claim(requests, recipient, nonce, price, block.timestamp);
        claims++;
        zkIntoDistributor += price;
        assertEq(ZK.balanceOf(address(DISTRIBUTOR)), distributorBefore + price, "price did not reach distributor");
        if (claimer != recipient) assertEq(ZK.balanceOf(claimer), zkBefore - price, "claimer paid a wrong price");
        for (uint256 i; i < count; i++) {
            address asset = requests[i].asset;
            assetClaimedOut[asset] += amounts[i];
            assertEq(_balance(asset, recipient), recipientBefore[i] + amounts[i], "recipient short-changed");
        }
    }

    // ---- governance ----

    function setPrice(uint256 newPrice) external {
        newPrice = bound(newPrice, AUCTION.PRICE_FLOOR() - 1, AUCTION.PRICE_CEILING() + 1);
        uint256 old = AUCTION.price();
        if (newPrice < AUCTION.PRICE_FLOOR()) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IFeeFlowAuction.FeeFlowAuctionPriceBelowFloor.selector,
                    newPrice,
                    AUCTION.PRICE_FLOOR()
                )
            );
        } else if (newPrice > AUCTION.PRICE_CEILING()) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IFeeFlowAuction.FeeFlowAuctionPriceAboveCeiling.selector,
                    newPrice,
                    AUCTION.PRICE_CEILING()
                )
            );
        } else if (newPrice == old) {
            vm.expectRevert(abi.encodeWithSelector(IFeeFlowAuction.FeeFlowAuctionPriceUnchanged.selector, newPrice));
        } else {
            vm.expectEmit(address(AUCTION));
            emit IFeeFlowAuction.PriceUpdated(old, newPrice, AUCTION.nonce() + 1);
            priceChanges++;
        }
        vm.prank(GOV);
        AUCTION.setPrice(newPrice);
    }

    function setZkFee(uint256 newFee) external {
        uint256 min = COLLECTOR.MIN_ZK_FEE_PER_CALL();
        uint256 max = COLLECTOR.MAX_ZK_FEE_PER_CALL();
        newFee = bound(newFee, min - 1, max + 1);
        uint256 old = COLLECTOR.zkFeePerCall();
        if (newFee < min) {
            vm.expectRevert(
                abi.encodeWithSelector(IInteropFeeCollector.FeeCollectorZkFeeBelowMin.selector, newFee, min)
            );
        } else if (newFee > max) {
            vm.expectRevert(
                abi.encodeWithSelector(IInteropFeeCollector.FeeCollectorZkFeeAboveMax.selector, newFee, max)
            );
        } else if (newFee == old) {
            vm.expectRevert(IInteropFeeCollector.FeeCollectorUnchanged.selector);
        } else {
            vm.expectEmit(address(COLLECTOR));
            emit IInteropFeeCollector.ZkFeePerCallUpdated(old, newFee);
        }
        vm.prank(GOV);
        COLLECTOR.setZkFeePerCall(newFee);
    }

    function setAllocations(uint256 seed, uint256 count) external {
        count = bound(count, 0, 3);
        IFeeDistributor.Allocation[] memory list = new IFeeDistributor.Allocation[](count);
        uint256 sum;
        for (uint256 i; i < count; i++) {
            uint16 bps = uint16(bound(uint256(keccak256(abi.encode(seed, i))), 1, 4_000));
            list[i] = IFeeDistributor.Allocation(actors[i], bps, false);
            sum += bps;
        }
        vm.prank(GOV);
        if (sum > 10_000) {
            vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.FeeDistributorBpsSumTooHigh.selector, sum, 10_000));
        }
        try DISTRIBUTOR.setAllocations(list) {} catch (bytes memory reason) {
            // Only an unchanged list may be refused here.
            assertTrue(
                bytes4(reason) == IFeeDistributor.FeeDistributorAllocationsUnchanged.selector ||
                    bytes4(reason) == IFeeDistributor.FeeDistributorBpsSumTooHigh.selector,
                "unexpected allocation refusal"
            );
        }
    }

    function distribute() external {
        uint256 balance = ZK.balanceOf(address(DISTRIBUTOR));
        uint256 retained = DISTRIBUTOR.RETAINED_BALANCE();
        if (balance <= retained) return;
        uint256 amount = balance - retained;
        IFeeDistributor.Allocation[] memory list = DISTRIBUTOR.allocations();
        uint256 shares;
        for (uint256 i; i < list.length; i++) shares += (amount * list[i].bps) / 10_000;
        uint256 supplyBefore = ZK.totalSupply();
        uint256 burned = DISTRIBUTOR.distribute();
        assertEq(burned, amount - shares, "burn is not the remainder after shares");
        assertEq(ZK.totalSupply(), supplyBefore - burned, "supply fell by other than the burn");
        assertEq(ZK.balanceOf(address(DISTRIBUTOR)), retained, "distribution left other than the retained balance");
        distributed = true;
    }

    function pauseAndUnpause(bool unpauseToo) external {
        if (!AUCTION.paused()) {
            vm.prank(AUCTION.guardian());
            AUCTION.pause();
        }
        if (unpauseToo) {
            vm.prank(GOV);
            AUCTION.unpause();
        }
    }

    function recoverStray(uint256 amount) external {
        uint256 held = STRAY.balanceOf(address(COLLECTOR));
        if (held == 0) return;
        amount = bound(amount, 1, held);
        vm.prank(GOV);
        COLLECTOR.recover(address(STRAY), GOV, amount);
    }

    function recoverClaimable(uint256 assetSeed) external {
        address asset = assets[assetSeed % 3];
        vm.expectRevert(abi.encodeWithSelector(IInteropFeeCollector.FeeCollectorRecoverClaimableAsset.selector, asset));
        vm.prank(GOV);
        COLLECTOR.recover(asset, GOV, 1);
    }

    /// @dev Invariant 8: every setter of every contract refuses anyone but governance.
    function unauthorizedSetter(uint256 actorSeed, uint256 which) external {
        address caller = _actor(actorSeed);
        which = which % 10;
        bytes memory call;
        address target;
        if (which == 0) (target, call) = (address(AUCTION), abi.encodeCall(AUCTION.setPrice, (AUCTION.price() + 1)));
        else if (which == 1) (target, call) = (address(AUCTION), abi.encodeCall(AUCTION.unpause, ()));
        else if (which == 2) (target, call) = (address(AUCTION), abi.encodeCall(AUCTION.setGuardian, (caller)));
        else if (which == 3) (target, call) = (address(COLLECTOR), abi.encodeCall(COLLECTOR.setZkFeePerCall, (1e18)));
        else if (which == 4) (target, call) = (address(COLLECTOR), abi.encodeCall(COLLECTOR.setReleaser, (caller)));
        else if (which == 5) (target, call) = (address(COLLECTOR), abi.encodeCall(COLLECTOR.setDistributor, (caller)));
        else if (which == 6)
            (target, call) = (address(COLLECTOR), abi.encodeCall(COLLECTOR.setClaimable, (caller, true)));
        else if (which == 7)
            (target, call) = (address(COLLECTOR), abi.encodeCall(COLLECTOR.recover, (assets[1], caller, 1)));
        else if (which == 8) {
            IFeeDistributor.Allocation[] memory list = new IFeeDistributor.Allocation[](1);
            list[0] = IFeeDistributor.Allocation(caller, 10_000, false);
            (target, call) = (address(DISTRIBUTOR), abi.encodeCall(DISTRIBUTOR.setAllocations, (list)));
        } else (target, call) = (address(DISTRIBUTOR), abi.encodeCall(IGoverned.transferGovernance, (caller)));
        vm.prank(caller);
        (bool ok, bytes memory reason) = target.call(call);
        assertTrue(!ok, "a setter accepted a non-governance caller");
        assertEq(
            uint256(bytes32(reason) >> 224),
            uint256(uint32(IGoverned.GovernedUnauthorized.selector)),
            "wrong refusal for a non-governance caller"
        );
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 1 days));
    }

    function _balance(address asset, address account) internal view returns (uint256) {
        return asset == address(0) ? account.balance : MockERC20(asset).balanceOf(account);
    }

    receive() external payable {}
}
