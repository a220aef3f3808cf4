// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGoverned} from "./IGoverned.sol";
import {IInteropFeeCollector} from "./IInteropFeeCollector.sol";
import {IZkBurnable} from "./IZkToken.sol";

/// @title FeeFlowAuction
/// @notice A permissionless, fixed-price sale of the collector's non-ZK revenue for ZK. Anyone takes the whole
/// collector balance of the assets they name by paying `price()` ZK, which goes to the distributor (and so to
/// the burn). Searchers are protected against stale quotes by the nonce (bumped by every claim and every price
/// change), a maximum price, a deadline and a minimum amount per asset.
/// @dev Warning: the guardian can pause claims (only governance unpauses); it can change nothing else.
/// @dev Warning: a claimable asset with transfer hooks or fees is governance's choice; each minimum applies to
/// what leaves the collector.
interface IFeeFlowAuction is IGoverned {
    /// @notice An ERC-2612 permit for the ZK payment, signed by the claimer for this auction.
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    error FeeFlowAuctionPaused();
    error FeeFlowAuctionNotPaused();
    error FeeFlowAuctionDeadlinePassed(uint256 deadline, uint256 timestamp);
    error FeeFlowAuctionNonceMismatch(uint256 expectedNonce, uint256 nonce);
    error FeeFlowAuctionPriceAboveMax(uint256 price, uint256 maxPrice);
    error FeeFlowAuctionNoAssets();
    error FeeFlowAuctionTooManyAssets(uint256 count, uint256 max);
    error FeeFlowAuctionZeroRecipient();
    /// @notice The recipient is the collector, this auction or the fee distributor, where released assets would stay.
    error FeeFlowAuctionInvalidRecipient(address recipient);
    /// @notice `forwardZk` found no ZK here.
    error FeeFlowAuctionNothingToForward();
    /// @notice The collector given at deployment is not a contract.
    error FeeFlowAuctionCollectorNotContract(address collector);
    error FeeFlowAuctionPermitInsufficient(uint256 allowance, uint256 price);
    error FeeFlowAuctionPriceBelowFloor(uint256 price, uint256 floor);
    error FeeFlowAuctionPriceAboveCeiling(uint256 price, uint256 ceiling);
    error FeeFlowAuctionPriceUnchanged(uint256 price);
    error FeeFlowAuctionInvalidBounds(uint256 floor, uint256 ceiling);
    error FeeFlowAuctionUnauthorizedGuardian(address caller);
    error FeeFlowAuctionZeroAddress();
    error FeeFlowAuctionGuardianUnchanged(address guardian);

    /// @notice A claim with nonce `nonce` paid `price` ZK and sent `amounts` of `assets` to `recipient`.
    event Claimed(
        uint256 indexed nonce,
        address indexed claimer,
        address indexed recipient,
        uint256 price,
        address[] assets,
        uint256[] amounts
    );
    /// @notice The price moved; the nonce moved to `nonce` with it, so no claim quoted at the old price lands.
    event PriceUpdated(uint256 oldPrice, uint256 newPrice, uint256 nonce);
    /// @notice ZK sent here directly went on to the distributor `to`.
    event ZkForwarded(address indexed to, uint256 amount);
    event Paused(address indexed by);
    event Unpaused(address indexed by);
    event GuardianUpdated(address indexed oldGuardian, address indexed newGuardian);

    /// @notice The most assets one claim may take.
    function MAX_ASSETS() external view returns (uint256);
    function ZK() external view returns (IZkBurnable);
    function COLLECTOR() external view returns (IInteropFeeCollector);
    /// @notice The lowest price governance may set, fixed at deployment.
    function PRICE_FLOOR() external view returns (uint256);
    /// @notice The highest price governance may set, fixed at deployment.
    function PRICE_CEILING() external view returns (uint256);

    /// @notice Where claim payments go: the collector's distributor.
    function distributor() external view returns (address);
    /// @notice ZK paid for one claim.
    function price() external view returns (uint256);
    /// @notice The nonce the next claim must name.
    function nonce() external view returns (uint256);
    function paused() external view returns (bool);
    function guardian() external view returns (address);

    /// @notice Everything a searcher needs in one call: price, nonce, paused, and the balances a claim of
    /// `assets` would take now (reverts for an asset that is not claimable).
    function quote(
        address[] calldata assets
    ) external view returns (uint256 price, uint256 nonce, bool paused, uint256[] memory amounts);

    /// @notice Pays `price()` ZK from the caller to the distributor and takes the collector's whole balance of
    /// each requested asset to `recipient`. Requests must be sorted by asset, strictly ascending. The collector's
    /// `release` checks each asset (claimable, order, minimum) in the same pass that moves it, so a bad request
    /// reverts with the collector's error: `FeeCollectorAssetNotClaimable`, `FeeCollectorAssetIsZk`,
    /// `FeeCollectorDuplicateAsset`, `FeeCollectorAssetsUnsorted` or `FeeCollectorAmountBelowMin`.
    /// @param expectedNonce The nonce the claimer quoted against; a claim or price change since makes it stale.
    /// @param maxPrice The most ZK the claimer pays.
    /// @param deadline The last timestamp at which the claim may land.
    /// @return amounts The amount of each asset sent, in request order.
    function claim(
        IInteropFeeCollector.ReleaseRequest[] calldata requests,
        address recipient,
        uint256 expectedNonce,
        uint256 maxPrice,
        uint256 deadline
    ) external returns (uint256[] memory amounts);

    /// @notice `claim`, with the ZK allowance given by an ERC-2612 permit in the same transaction. A permit
    /// already used (front-run) is ignored when the allowance it set is still enough.
    function claimWithPermit(
        IInteropFeeCollector.ReleaseRequest[] calldata requests,
        address recipient,
        uint256 expectedNonce,
        uint256 maxPrice,
        uint256 deadline,
        Permit calldata permit
    ) external returns (uint256[] memory amounts);

    /// @notice Sends all ZK held here (only ever sent directly: claims pay the distributor) to the distributor.
    /// Anyone may call it.
    /// @return amount The ZK forwarded; reverts `FeeFlowAuctionNothingToForward` when there is none.
    function forwardZk() external returns (uint256 amount);

    /// @notice Sets the price within [PRICE_FLOOR, PRICE_CEILING] and bumps the nonce. Only governance.
    function setPrice(uint256 newPrice) external;
    /// @notice Stops claims. Guardian or governance.
    function pause() external;
    /// @notice Resumes claims. Only governance.
    function unpause() external;
    /// @notice Sets the account that may pause. Only governance.
    function setGuardian(address newGuardian) external;
}
