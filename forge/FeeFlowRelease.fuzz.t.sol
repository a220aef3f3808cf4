// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {InteropFeeCollector} from "../contracts/feeflow/InteropFeeCollector.sol";
import {IInteropFeeCollector} from "../contracts/interfaces/IInteropFeeCollector.sol";
import {IZkBurnable} from "../contracts/interfaces/IZkToken.sol";
import {ZkToken} from "../contracts/token/ZkToken.sol";
import {MockERC20} from "../contracts/test/MockERC20.sol";
import {Test} from "./base/Test.sol";

/// @notice The collector's `release` is one hand-written assembly pass. This fuzz test holds it to a plain
/// Solidity model of the rules, request list by request list: the same revert (selector and arguments) for
/// the first bad request, or the same assets and amounts, with the balances moved to the recipient.
contract FeeFlowReleaseFuzz is Test {
    uint256 internal constant POOL = 6;
    address internal constant RECIPIENT = address(0xCAFE);

    ZkToken internal zk;
    InteropFeeCollector internal collector;
    /// @dev Native, three claimable tokens, a stray token that is not claimable, and ZK: sorted by address.
    address[POOL] internal pool;

    function setUp() public {
        zk = new ZkToken(address(this), address(this), 1_000_000_000e18);
        collector = new InteropFeeCollector(address(this), IZkBurnable(address(zk)), address(0xD15), 10e18, 1e12);
        collector.setReleaser(address(this));
        address[POOL] memory assets;
        assets[0] = address(0);
        collector.setClaimable(address(0), true);
        for (uint256 i = 1; i <= 3; i++) {
            assets[i] = address(new MockERC20("Asset", "A", 18));
            collector.setClaimable(assets[i], true);
        }
        assets[4] = address(new MockERC20("Stray", "S", 18));
        assets[5] = address(zk);
        // Sort, so that ascending indexes mean ascending addresses.
        for (uint256 i = 1; i < POOL; i++) {
            for (uint256 j = i; j > 0 && assets[j] < assets[j - 1]; j--) {
                (assets[j], assets[j - 1]) = (assets[j - 1], assets[j]);
            }
        }
        pool = assets;
    }

    function testFuzz_releaseMatchesTheModel(uint256 seed, uint256 length, uint96[POOL] calldata funds) public {
        // Fund the collector: native, each token (ZK can be sent to it by mistake too).
        for (uint256 i; i < POOL; i++) {
            if (pool[i] == address(0)) vm.deal(address(collector), funds[i]);
            else if (pool[i] == address(zk)) zk.transfer(address(collector), funds[i] % 1e24);
            else MockERC20(pool[i]).mint(address(collector), funds[i]);
        }
        IInteropFeeCollector.ReleaseRequest[] memory requests = _requests(seed, bound(length, 0, 7));
        (bytes memory expectedRevert, uint256[] memory expectedAmounts) = _model(requests);

        uint256[] memory before = new uint256[](requests.length);
        for (uint256 i; i < requests.length; i++) before[i] = _balance(requests[i].asset, RECIPIENT);
        try collector.release(requests, RECIPIENT) returns (address[] memory assets, uint256[] memory amounts) {
            assertEq(expectedRevert.length, 0, "released where the model reverts");
            assertEq(assets.length, requests.length, "assets length");
            assertEq(amounts.length, requests.length, "amounts length");
            for (uint256 i; i < requests.length; i++) {
                assertEq(assets[i], requests[i].asset, "asset order");
                assertEq(amounts[i], expectedAmounts[i], "amount");
                assertEq(_balance(assets[i], RECIPIENT) - before[i], amounts[i], "recipient received the amount");
                assertEq(_balance(assets[i], address(collector)), 0, "collector emptied");
            }
        } catch (bytes memory reason) {
            assertTrue(expectedRevert.length != 0, "reverted where the model releases");
            assertEq(uint256(keccak256(reason)), uint256(keccak256(expectedRevert)), "revert data");
        }
    }

    /// @dev Half the lists are strictly ascending (valid order); the rest pick freely, so duplicates and
    /// unsorted lists come up too. A quarter of the minimums ask for one more than the balance.
    function _requests(
        uint256 seed,
        uint256 length
    ) private view returns (IInteropFeeCollector.ReleaseRequest[] memory requests) {
        requests = new IInteropFeeCollector.ReleaseRequest[](length);
        bool ascending = seed & 1 == 0;
        uint256 index;
        uint256 count;
        for (uint256 i; i < length; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            if (ascending) {
                index = i == 0 ? r % POOL : index + 1 + (r % 2);
                if (index >= POOL) break;
            } else {
                index = r % POOL;
            }
            address asset = pool[index];
            uint256 held = _balance(asset, address(collector));
            uint256 minAmount = (r >> 8) % 4 == 0 ? held + 1 : ((r >> 8) % 4 == 1 ? held : 0);
            requests[count++] = IInteropFeeCollector.ReleaseRequest(asset, minAmount);
        }
        assembly ("memory-safe") {
            mstore(requests, count)
        }
    }

    /// @dev The rules in plain Solidity, checked in the same order per request as the contract documents.
    function _model(
        IInteropFeeCollector.ReleaseRequest[] memory requests
    ) private view returns (bytes memory revertData, uint256[] memory amounts) {
        amounts = new uint256[](requests.length);
        for (uint256 i; i < requests.length; i++) {
            address asset = requests[i].asset;
            if (i != 0 && asset <= requests[i - 1].asset) {
                address previous = requests[i - 1].asset;
                return (
                    asset == previous
                        ? abi.encodeWithSelector(IInteropFeeCollector.FeeCollectorDuplicateAsset.selector, asset)
                        : abi.encodeWithSelector(
                            IInteropFeeCollector.FeeCollectorAssetsUnsorted.selector,
                            previous,
                            asset
                        ),
                    amounts
                );
            }
            if (!collector.isClaimable(asset)) {
                return (
                    asset == address(zk)
                        ? abi.encodeWithSelector(IInteropFeeCollector.FeeCollectorAssetIsZk.selector)
                        : abi.encodeWithSelector(IInteropFeeCollector.FeeCollectorAssetNotClaimable.selector, asset),
                    amounts
                );
            }
            amounts[i] = _balance(asset, address(collector));
            if (amounts[i] < requests[i].minAmount) {
                return (
                    abi.encodeWithSelector(
                        IInteropFeeCollector.FeeCollectorAmountBelowMin.selector,
                        asset,
                        amounts[i],
                        requests[i].minAmount
                    ),
                    amounts
                );
            }
        }
    }

    function _balance(address asset, address account) private view returns (uint256) {
        return asset == address(0) ? account.balance : MockERC20(asset).balanceOf(account);
    }
}
