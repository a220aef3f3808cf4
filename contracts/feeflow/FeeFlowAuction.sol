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
        ZK = zk;
        COLLECTOR = collector;
        PRICE_FLOOR = priceFloor;
        PRICE_CEILING = priceCeiling;
        _setGuardian(initialGuardian);
        _setPrice(initialPrice);
    }

    /// @inheritdoc IFeeFlowAuction
    function claim(
        ClaimRequest[] calldata requests,
        address recipient,
        uint256 expectedNonce,
        uint256 maxPrice,
        uint256 deadline
    ) external nonReentrant returns (uint256[] memory amounts) {
        return _claim(requests, recipient, expectedNonce, maxPrice, deadline);
    }

    /// @inheritdoc IFeeFlowAuction
    function claimWithPermit(
        ClaimRequest[] calldata requests,
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
        ClaimRequest[] calldata requests,
        address recipient,
        uint256 expectedNonce,
        uint256 maxPrice,
        uint256 deadline
    ) private returns (uint256[] memory amounts) {
        // The slot is read once as a word and written once: [paused (8 bits)][nonce (64)][price (96)].
        uint256 word;
        assembly ("memory-safe") {
            word := sload(_sale.slot)
        }
        uint256 currentPrice = uint96(word);
        uint256 currentNonce = uint64(word >> 96);
        require(uint8(word >> 160) == 0, FeeFlowAuctionPaused());
        require(block.timestamp <= deadline, FeeFlowAuctionDeadlinePassed(deadline, block.timestamp));
        require(expectedNonce == currentNonce, FeeFlowAuctionNonceMismatch(expectedNonce, currentNonce));
        require(currentPrice <= maxPrice, FeeFlowAuctionPriceAboveMax(currentPrice, maxPrice));
        require(recipient != address(0), FeeFlowAuctionZeroRecipient());
        uint256 count = requests.length;
        require(count != 0, FeeFlowAuctionNoAssets());
        require(count <= MAX_ASSETS, FeeFlowAuctionTooManyAssets(count, MAX_ASSETS));

        // Effects before interactions: this nonce can never be claimed again. One more in the nonce's bits; it
        // cannot carry into the pause flag before 2**64 claims.
        assembly ("memory-safe") {
            sstore(_sale.slot, add(word, shl(96, 1)))
        }

        ZK.safeTransferFrom(msg.sender, _distributor(), currentPrice);
        amounts = _releaseAndEmit(requests, recipient, currentNonce, currentPrice);
    }

    /// @dev The collector's current distributor, read without copying more than one word of its answer.
    function _distributor() private view returns (address to) {
        IInteropFeeCollector collector = COLLECTOR;
        bool ok;
        assembly ("memory-safe") {
            mstore(0x00, shl(224, 0xbfe10928)) // distributor()
            ok := and(gt(returndatasize(), 0x1f), staticcall(gas(), collector, 0x00, 0x04, 0x00, 0x20))
            to := mload(0x00)
        }
        // The collector is trusted code; a failure here is a broken deployment, reported as such.
        require(ok && to != address(0), FeeFlowAuctionCollectorFailed(address(collector)));
    }

    /// @dev Calls `release` with the requests as they came and emits `Claimed` from its answer, in one memory
    /// frame, so nothing is decoded or copied twice. Frame: [price][0x60][0x80 + 32n][n][asset × n][n][amount × n],
    /// the event's data; the answer of `release` is the same layout without the price. The call's input,
    /// selector | 0x40 | recipient | n | requests, is written over the frame first.
    function _releaseAndEmit(
        ClaimRequest[] calldata requests,
        address recipient,
        uint256 claimedNonce,
        uint256 paid
    ) private returns (uint256[] memory amounts) {
        IInteropFeeCollector collector = COLLECTOR;
        bytes32 topic = Claimed.selector;
        assembly ("memory-safe") {
            let frame := mload(0x40)
            let size := add(0xa0, shl(6, requests.length))
            mstore(0x40, add(frame, size))
            mstore(frame, 0x09ca584c) // release((address,uint256)[],address), ending at frame + 0x20
            mstore(add(frame, 0x20), 0x40)
            mstore(add(frame, 0x40), recipient)
            mstore(add(frame, 0x60), requests.length)
            calldatacopy(add(frame, 0x80), requests.offset, shl(6, requests.length))
            if iszero(call(gas(), collector, 0, add(frame, 0x1c), sub(size, 0x3c), 0, 0)) {
                returndatacopy(frame, 0, returndatasize())
                revert(frame, returndatasize())
            }
            // The collector answers exactly this layout; anything else is a broken deployment.
            if iszero(eq(returndatasize(), sub(size, 0x20))) {
                mstore(0x00, shl(224, 0xbe108801)) // FeeFlowAuctionCollectorFailed(address)
                mstore(0x04, collector)
                revert(0x00, 0x24)
            }
            returndatacopy(add(frame, 0x20), 0, sub(size, 0x20))
            mstore(frame, paid)
            mstore(add(frame, 0x20), 0x60)
            mstore(add(frame, 0x40), add(0x80, shl(5, requests.length)))
            log4(frame, size, topic, claimedNonce, caller(), recipient)
            amounts := add(frame, add(0x80, shl(5, requests.length)))
        }
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
