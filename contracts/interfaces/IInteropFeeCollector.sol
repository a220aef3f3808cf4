// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGoverned} from "./IGoverned.sol";
import {IZkBurnable} from "./IZkToken.sol";
import {IInteropCenterV31} from "./external/IInteropCenterV31.sol";

/// @title InteropFeeCollector
/// @notice The one place protocol revenue enters. Interop fees arrive here from registered gateways, pushed
/// (`collectInteropFee`) or swept from a V31 InteropCenter that keeps them per coinbase (`sweep`, when this
/// contract is the chain's fee-collector coinbase); ZK fees go straight on to the distributor, native fees stay.
/// Off-chain revenue is deposited here, and non-ZK assets wait here until the registered releaser (the fee-flow
/// auction) releases them to a claimer who paid for them.
/// @dev Warning: a registered gateway can pull ZK fees from any payer that approved this contract; governance
/// registers only gateways that pass their own caller as the payer.
/// @dev Warning: the releaser can release every claimable asset; governance registers only an auction that
/// charges for it. Replacing the releaser moves no funds.
interface IInteropFeeCollector is IGoverned {
    /// @notice One asset to release and the least the releaser accepts of it (the layout of a claim request).
    /// Native token = zero address.
    struct ReleaseRequest {
        address asset;
        uint256 minAmount;
    }

    /// @notice The caller of `collectInteropFee` is not a registered gateway.
    error FeeCollectorUnauthorizedGateway(address caller);
    /// @notice The caller of `release` is not the releaser.
    error FeeCollectorUnauthorizedReleaser(address caller, address releaser);
    /// @notice A fee was asked for zero calls.
    error FeeCollectorZeroCallCount();
    /// @notice The native value sent does not equal the fee (`baseFeePerCall` × calls) or the deposit amount.
    error FeeCollectorWrongValue(uint256 sent, uint256 required);
    /// @notice A deposit of zero.
    error FeeCollectorZeroAmount();
    /// @notice The asset is not registered as claimable.
    error FeeCollectorAssetNotClaimable(address asset);
    /// @notice An asset appears twice in one release.
    error FeeCollectorDuplicateAsset(address asset);
    /// @notice Assets must be listed in strictly ascending address order (so a duplicate is found in one comparison).
    error FeeCollectorAssetsUnsorted(address previous, address asset);
    /// @notice Less than the requested minimum of `asset` would be released.
    error FeeCollectorAmountBelowMin(address asset, uint256 amount, uint256 minAmount);
    /// @notice `recover` was asked for a claimable asset.
    error FeeCollectorRecoverClaimableAsset(address asset);
    /// @notice ZK cannot be made claimable, released or recovered: it never rests here (see `forwardZk`).
    error FeeCollectorAssetIsZk();
    /// @notice The asset's `balanceOf` reverted or returned no balance.
    error FeeCollectorBalanceQueryFailed(address asset);
    /// @notice The native token could not be sent to `recipient`.
    error FeeCollectorNativeTransferFailed(address recipient, uint256 amount);
    /// @notice `zkFeePerCall` below its floor.
    error FeeCollectorZkFeeBelowMin(uint256 fee, uint256 min);
    /// @notice `zkFeePerCall` above its ceiling.
    error FeeCollectorZkFeeAboveMax(uint256 fee, uint256 max);
    /// @notice `baseFeePerCall` below its floor.
    error FeeCollectorBaseFeeBelowMin(uint256 fee, uint256 min);
    /// @notice `baseFeePerCall` above its ceiling.
    error FeeCollectorBaseFeeAboveMax(uint256 fee, uint256 max);
    /// @notice A setter was called with the value already in force.
    error FeeCollectorUnchanged();
    /// @notice The zero address was given where an account or contract is required.
    error FeeCollectorZeroAddress();

    /// @notice A gateway charged `fee` for `callCount` calls of `payer`, in ZK (`inZk`) or in the native token.
    event InteropFeeCollected(
        address indexed gateway,
        address indexed payer,
        uint256 callCount,
        bool inZk,
        uint256 fee
    );
    /// @notice `amount` of `asset` (native = zero address) was deposited as revenue, tagged with `ref`.
    /// @dev For a fee-on-transfer token `amount` is what arrived. ZK deposits go straight to the distributor.
    event RevenueDeposited(address indexed depositor, address indexed asset, uint256 amount, bytes32 indexed ref);
    /// @notice Native token arrived without a deposit call.
    event NativeReceived(address indexed sender, uint256 amount);
    /// @notice A sweep claimed `native` base-token fees and `zk` ZK fees accumulated for this contract in `center`;
    /// the ZK went on to the distributor.
    event FeesSwept(address indexed center, uint256 native, uint256 zk);
    /// @notice ZK sent here directly went on to the distributor `to`.
    event ZkForwarded(address indexed to, uint256 amount);
    /// @notice `amount` of a non-claimable `asset` sent here by mistake went back to `to`.
    event AssetRecovered(address indexed asset, address indexed to, uint256 amount);
    event ZkFeePerCallUpdated(uint256 oldFee, uint256 newFee);
    event BaseFeePerCallUpdated(uint256 oldFee, uint256 newFee);
    event ReleaserUpdated(address indexed oldReleaser, address indexed newReleaser);
    event DistributorUpdated(address indexed oldDistributor, address indexed newDistributor);
    event GatewayUpdated(address indexed gateway, bool registered);
    event ClaimableAssetUpdated(address indexed asset, bool claimable);

    /// @notice The ZK token.
    function ZK() external view returns (IZkBurnable);
    /// @notice Where ZK fees, ZK deposits and auction proceeds go.
    function distributor() external view returns (address);
    /// @notice The only account that may release claimable assets (the auction).
    function releaser() external view returns (address);
    /// @notice ZK charged per interop call in ZK mode.
    function zkFeePerCall() external view returns (uint256);
    /// @notice Native token charged per interop call in native mode.
    function baseFeePerCall() external view returns (uint256);
    function isGateway(address gateway) external view returns (bool);
    function isClaimable(address asset) external view returns (bool);

    /// @notice Charges `payer` the fee for `callCount` calls: in ZK, pulled from `payer` straight to the
    /// distributor (`msg.value` must be 0); otherwise `msg.value` must be exactly `baseFeePerCall × callCount`.
    /// Only registered gateways. One charge per bundle, whatever its size.
    /// @return fee The fee charged, in ZK or in the native token.
    function collectInteropFee(address payer, uint256 callCount, bool payInZk) external payable returns (uint256 fee);

    /// @notice Claims the fees a registered V31 InteropCenter keeps for this contract as coinbase (base token, then
    /// ZK) and sends the ZK on to the distributor; the base token stays for the auction. Anyone may call it. Fees
    /// accumulated for another coinbase (a chain whose fee collector is not this contract; Era's bootloader) cannot
    /// be claimed from here: the sweep then moves nothing and returns zeros, without an event.
    /// @return native The base token claimed.
    /// @return zk The ZK claimed and forwarded.
    function sweep(IInteropCenterV31 center) external returns (uint256 native, uint256 zk);

    /// @notice Deposits `amount` of claimable `asset` (native: zero address with `msg.value == amount`) as revenue,
    /// such as an enterprise licence, with a reference for accounting. ZK goes straight to the distributor.
    function depositRevenue(address asset, uint256 amount, bytes32 ref) external payable;

    /// @notice Sends the whole balance of each requested asset to `recipient`. Only the releaser. Every asset must be
    /// claimable (ZK never is: `FeeCollectorAssetIsZk`), the assets strictly ascending, and each amount at least its
    /// `minAmount`; a zero balance is released as zero. The checks and the transfers share one pass over the list.
    /// @return assets The assets released, in order.
    /// @return amounts What was sent of each (for a fee-on-transfer token, what left this contract).
    function release(
        ReleaseRequest[] calldata requests,
        address recipient
    ) external returns (address[] memory assets, uint256[] memory amounts);

    /// @notice Sends all ZK held here (only ever sent directly: fees and deposits go straight to the distributor) to
    /// the distributor, to be burned or shared like any other ZK. Anyone may call it.
    /// @return amount The ZK forwarded; reverts `FeeCollectorZeroAmount` when there is none.
    function forwardZk() external returns (uint256 amount);

    /// @notice The balances a claim of `assets` would release now.
    function claimableBalances(address[] calldata assets) external view returns (uint256[] memory amounts);

    /// @notice Returns `amount` of a non-claimable, non-ZK `asset` sent here by mistake. Only governance.
    function recover(address asset, address to, uint256 amount) external;

    function setZkFeePerCall(uint256 newFee) external;
    function setBaseFeePerCall(uint256 newFee) external;
    function setReleaser(address newReleaser) external;
    function setDistributor(address newDistributor) external;
    function setGateway(address gateway, bool registered) external;
    function setClaimable(address asset, bool claimable) external;
}
