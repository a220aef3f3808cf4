// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IFeeFlowAuction} from "../interfaces/IFeeFlowAuction.sol";
import {IInteropFeeCollector} from "../interfaces/IInteropFeeCollector.sol";
import {IZkBurnable} from "../interfaces/IZkToken.sol";
import {Governed} from "../libraries/Governed.sol";

/// @title FeeFlowAuction
/// @notice See {IFeeFlowAuction}.
contract FeeFlowAuction is IFeeFlowAuction, Governed, ReentrancyGuardTransient {
    using SafeERC20 for IZkBurnable;

    /// @inheritdoc IFeeFlowAuction
    uint256 public constant MAX_ASSETS = 20;

    /// @inheritdoc IFeeFlowAuction
    IZkBurnable public immutable ZK;
    /// @inheritdoc IFeeFlowAuction
    IInteropFeeCollector public immutable COLLECTOR;
    /// @inheritdoc IFeeFlowAuction
    uint256 public immutable PRICE_FLOOR;
    /// @inheritdoc IFeeFlowAuction
    uint256 public immutable PRICE_CEILING;

    /// @dev Everything a claim reads and writes, in one slot. uint96 holds any price up to the ZK supply cap.
    struct Sale {
        uint96 price;
        uint64 nonce;
        bool paused;
    }

    Sale private _sale;
    /// @inheritdoc IFeeFlowAuction
    address public guardian;

    /// @param priceFloor Lowest price governance may ever set (> 0).
    /// @param priceCeiling Highest price governance may ever set (< 2**96).
    constructor(
        address initialGovernance,
        IZkBurnable zk,
        IInteropFeeCollector collector,
        address initialGuardian,
        uint256 initialPrice,
        uint256 priceFloor,
        uint256 priceCeiling
    ) Governed(initialGovernance) {
        require(address(zk) != address(0) && address(collector) != address(0), FeeFlowAuctionZeroAddress());
        require(
            priceFloor != 0 && priceFloor <= priceCeiling && priceCeiling <= type(uint96).max,
            FeeFlowAuctionInvalidBounds(priceFloor, priceCeiling)
        );
        require(address(collector).code.length != 0, FeeFlowAuctionCollectorNotContract(address(collector)));
        ZK = zk;
        COLLECTOR = collector;
        PRICE_FLOOR = priceFloor;
        PRICE_CEILING = priceCeiling;
        _setGuardian(initialGuardian);
        _setPrice(initialPrice);
    }

    /// @inheritdoc IFeeFlowAuction
    function claim(
        IInteropFeeCollector.ReleaseRequest[] calldata requests,
        address recipient,
        uint256 expectedNonce,
        uint256 maxPrice,
        uint256 deadline
    ) external nonReentrant returns (uint256[] memory amounts) {
        return _claim(requests, recipient, expectedNonce, maxPrice, deadline);
    }

    /// @inheritdoc IFeeFlowAuction
    function claimWithPermit(
        IInteropFeeCollector.ReleaseRequest[] calldata requests,
        address recipient,
        uint256 expectedNonce,
        uint256 maxPrice,
        uint256 deadline,
        Permit calldata permit
    ) external nonReentrant returns (uint256[] memory amounts) {
        // A permit copied from the mempool and submitted first makes this call fail; the allowance it set is
        // what matters, so carry on when it covers the price.
        try ZK.permit(msg.sender, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s) {
            // solhint-disable-next-line no-empty-blocks
        } catch {
            uint256 allowance = ZK.allowance(msg.sender, address(this));
            uint256 currentPrice = _sale.price;
            require(allowance >= currentPrice, FeeFlowAuctionPermitInsufficient(allowance, currentPrice));
        }
        return _claim(requests, recipient, expectedNonce, maxPrice, deadline);
    }

    /// @inheritdoc IFeeFlowAuction
    function forwardZk() external nonReentrant returns (uint256 amount) {
        amount = ZK.balanceOf(address(this));
        require(amount != 0, FeeFlowAuctionNothingToForward());
        address to = COLLECTOR.distributor();
        ZK.safeTransfer(to, amount);
        emit ZkForwarded(to, amount);
    }

    /// @inheritdoc IFeeFlowAuction
    function distributor() external view returns (address) {
        return COLLECTOR.distributor();
    }

    /// @inheritdoc IFeeFlowAuction
    function setPrice(uint256 newPrice) external onlyGovernance {
        _setPrice(newPrice);
    }

    /// @inheritdoc IFeeFlowAuction
    function pause() external {
        require(msg.sender == guardian || msg.sender == governance, FeeFlowAuctionUnauthorizedGuardian(msg.sender));
        require(!_sale.paused, FeeFlowAuctionPaused());
        _sale.paused = true;
        emit Paused(msg.sender);
    }

    /// @inheritdoc IFeeFlowAuction
    function unpause() external onlyGovernance {
        require(_sale.paused, FeeFlowAuctionNotPaused());
        _sale.paused = false;
        emit Unpaused(msg.sender);
    }

    /// @inheritdoc IFeeFlowAuction
    function setGuardian(address newGuardian) external onlyGovernance {
        _setGuardian(newGuardian);
    }

    /// @inheritdoc IFeeFlowAuction
    function price() external view returns (uint256) {
        return _sale.price;
    }

    /// @inheritdoc IFeeFlowAuction
    function nonce() external view returns (uint256) {
        return _sale.nonce;
    }

    /// @inheritdoc IFeeFlowAuction
    function paused() external view returns (bool) {
        return _sale.paused;
    }

    /// @inheritdoc IFeeFlowAuction
    function quote(
        address[] calldata assets
    ) external view returns (uint256 currentPrice, uint256 currentNonce, bool isPaused, uint256[] memory amounts) {
        Sale memory sale = _sale;
        return (sale.price, sale.nonce, sale.paused, COLLECTOR.claimableBalances(assets));
    }

    function _claim(
        IInteropFeeCollector.ReleaseRequest[] calldata requests,
        address recipient,
        uint256 expectedNonce,
        uint256 maxPrice,
        uint256 deadline
    ) private returns (uint256[] memory amounts) {
        // One read of the sale slot here and one write below.
        (uint256 currentPrice, uint64 currentNonce, bool isPaused) = (_sale.price, _sale.nonce, _sale.paused);
        require(!isPaused, FeeFlowAuctionPaused());
        require(block.timestamp <= deadline, FeeFlowAuctionDeadlinePassed(deadline, block.timestamp));
        require(expectedNonce == currentNonce, FeeFlowAuctionNonceMismatch(expectedNonce, currentNonce));
        require(currentPrice <= maxPrice, FeeFlowAuctionPriceAboveMax(currentPrice, maxPrice));
        require(recipient != address(0), FeeFlowAuctionZeroRecipient());
        address distributor = COLLECTOR.distributor();
        // Assets "sent" to the collector, this auction or the distributor (which only moves ZK) would never leave:
        // the claimer would pay for nothing.
        require(
            recipient != address(COLLECTOR) && recipient != address(this) && recipient != distributor,
            FeeFlowAuctionInvalidRecipient(recipient)
        );
        uint256 count = requests.length;
        require(count != 0, FeeFlowAuctionNoAssets());
        require(count <= MAX_ASSETS, FeeFlowAuctionTooManyAssets(count, MAX_ASSETS));

        // Effects before interactions: this nonce can never be claimed again.
        _sale.nonce = currentNonce + 1;

        ZK.safeTransferFrom(msg.sender, distributor, currentPrice);
        address[] memory assets;
        (assets, amounts) = COLLECTOR.release(requests, recipient);
        emit Claimed(currentNonce, msg.sender, recipient, currentPrice, assets, amounts);
    }

    function _setPrice(uint256 newPrice) private {
        require(newPrice >= PRICE_FLOOR, FeeFlowAuctionPriceBelowFloor(newPrice, PRICE_FLOOR));
        require(newPrice <= PRICE_CEILING, FeeFlowAuctionPriceAboveCeiling(newPrice, PRICE_CEILING));
        Sale memory sale = _sale;
        require(newPrice != sale.price, FeeFlowAuctionPriceUnchanged(newPrice));
        uint64 newNonce = sale.nonce + 1;
        // Fits: PRICE_CEILING <= type(uint96).max, checked at deployment.
        _sale = Sale({price: uint96(newPrice), nonce: newNonce, paused: sale.paused});
        emit PriceUpdated(sale.price, newPrice, newNonce);
    }

    function _setGuardian(address newGuardian) private {
        require(newGuardian != address(0), FeeFlowAuctionZeroAddress());
        address oldGuardian = guardian;
        require(newGuardian != oldGuardian, FeeFlowAuctionGuardianUnchanged(newGuardian));
        guardian = newGuardian;
        emit GuardianUpdated(oldGuardian, newGuardian);
    }
}
