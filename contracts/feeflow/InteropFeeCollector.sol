// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {LowLevelCall} from "@openzeppelin/contracts/utils/LowLevelCall.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IInteropFeeCollector} from "../interfaces/IInteropFeeCollector.sol";
import {IZkBurnable} from "../interfaces/IZkToken.sol";
import {IInteropCenterV31} from "../interfaces/external/IInteropCenterV31.sol";
import {Governed} from "../libraries/Governed.sol";

/// @title InteropFeeCollector
/// @notice See {IInteropFeeCollector}.
contract InteropFeeCollector is IInteropFeeCollector, Governed, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeERC20 for IZkBurnable;

    /// @notice A ZK fee can never be zero: every interop call must consume ZK in ZK mode.
    uint256 public constant MIN_ZK_FEE_PER_CALL = 1e15;
    /// @notice 1,000 ZK a call: far above the live 10 ZK, low enough that a typo cannot price interop out.
    uint256 public constant MAX_ZK_FEE_PER_CALL = 1_000e18;
    /// @notice 1 gwei a call: native mode is never free.
    uint256 public constant MIN_BASE_FEE_PER_CALL = 1 gwei;
    /// @notice 0.1 native token a call: a ceiling no sane schedule reaches.
    uint256 public constant MAX_BASE_FEE_PER_CALL = 0.1 ether;

    /// @inheritdoc IInteropFeeCollector
    IZkBurnable public immutable ZK;

    /// @dev The ZK-mode fee path reads both in one slot.
    struct ZkFeeRoute {
        address distributor;
        uint96 zkFeePerCall;
    }

    ZkFeeRoute private _route;
    /// @inheritdoc IInteropFeeCollector
    uint256 public baseFeePerCall;
    /// @inheritdoc IInteropFeeCollector
    address public releaser;
    /// @inheritdoc IInteropFeeCollector
    mapping(address gateway => bool) public isGateway;
    /// @inheritdoc IInteropFeeCollector
    mapping(address asset => bool) public isClaimable;

    constructor(
        address initialGovernance,
        IZkBurnable zk,
        address initialDistributor,
        uint256 initialZkFeePerCall,
        uint256 initialBaseFeePerCall
    ) Governed(initialGovernance) {
        require(address(zk) != address(0), FeeCollectorZeroAddress());
        ZK = zk;
        _setDistributor(initialDistributor);
        _setZkFeePerCall(initialZkFeePerCall);
        _setBaseFeePerCall(initialBaseFeePerCall);
    }

    /// @notice Native token sent without a call, for instance by a bridge; it is claimable if native is.
    receive() external payable {
        emit NativeReceived(msg.sender, msg.value);
    }

    /// @inheritdoc IInteropFeeCollector
    function collectInteropFee(address payer, uint256 callCount, bool payInZk) external payable returns (uint256 fee) {
        require(isGateway[msg.sender], FeeCollectorUnauthorizedGateway(msg.sender));
        require(callCount != 0, FeeCollectorZeroCallCount());
        if (payInZk) {
            require(msg.value == 0, FeeCollectorWrongValue(msg.value, 0));
            ZkFeeRoute memory route = _route;
            fee = route.zkFeePerCall * callCount;
            ZK.safeTransferFrom(payer, route.distributor, fee);
        } else {
            fee = baseFeePerCall * callCount;
            require(msg.value == fee, FeeCollectorWrongValue(msg.value, fee));
        }
        emit InteropFeeCollected(msg.sender, payer, callCount, payInZk, fee);
    }

    /// @inheritdoc IInteropFeeCollector
    function sweep(IInteropCenterV31 center) external nonReentrant returns (uint256 native, uint256 zk) {
        require(isGateway[address(center)], FeeCollectorUnauthorizedGateway(address(center)));
        uint256 nativeBefore = address(this).balance;
        center.claimProtocolFees(address(this));
        native = address(this).balance - nativeBefore;
        uint256 zkBefore = ZK.balanceOf(address(this));
        center.claimZKFees(address(this));
        uint256 held = ZK.balanceOf(address(this));
        zk = held - zkBefore;
        if (native == 0 && zk == 0) return (0, 0);
        // Everything held goes on, as forwardZk would send it: ZK never rests here.
        if (held != 0) ZK.safeTransfer(_route.distributor, held);
        emit FeesSwept(address(center), native, zk);
    }

    /// @inheritdoc IInteropFeeCollector
    function depositRevenue(address asset, uint256 amount, bytes32 ref) external payable nonReentrant {
        require(amount != 0, FeeCollectorZeroAmount());
        if (asset == address(ZK)) {
            require(msg.value == 0, FeeCollectorWrongValue(msg.value, 0));
            ZK.safeTransferFrom(msg.sender, _route.distributor, amount);
        } else {
            require(isClaimable[asset], FeeCollectorAssetNotClaimable(asset));
            if (asset == address(0)) {
                require(msg.value == amount, FeeCollectorWrongValue(msg.value, amount));
            } else {
                require(msg.value == 0, FeeCollectorWrongValue(msg.value, 0));
                // Record what arrived, so a fee-on-transfer token cannot inflate the books.
                uint256 before = _balanceOf(asset);
                IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
                amount = _balanceOf(asset) - before;
            }
        }
        emit RevenueDeposited(msg.sender, asset, amount, ref);
    }

    /// @inheritdoc IInteropFeeCollector
    function release(
        ReleaseRequest[] calldata requests,
        address recipient
    ) external returns (address[] memory assets, uint256[] memory amounts) {
        // No guard of its own: only the releaser calls this, and the releaser (the auction) holds the guard.
        require(msg.sender == releaser, FeeCollectorUnauthorizedReleaser(msg.sender, releaser));
        uint256 count = requests.length;
        assets = new address[](count);
        amounts = new uint256[](count);
        // The least address the next request may name: assets strictly ascending, so duplicates are one compare.
        uint256 next;
        // One pass per request: order, whitelist, balance, transfer, minimum.
        for (uint256 i; i < count; ++i) {
            ReleaseRequest calldata request = requests[i];
            address asset = request.asset;
            if (uint160(asset) < next) _revertOrder(address(uint160(next - 1)), asset);
            next = uint256(uint160(asset)) + 1;
            if (!isClaimable[asset]) _revertNotClaimable(asset);
            uint256 amount;
            if (asset == address(0)) {
                amount = address(this).balance;
                if (amount != 0) _sendNative(recipient, amount);
            } else {
                amount = _balanceOf(asset);
                if (amount != 0) IERC20(asset).safeTransfer(recipient, amount);
            }
            require(amount >= request.minAmount, FeeCollectorAmountBelowMin(asset, amount, request.minAmount));
            assets[i] = asset;
            amounts[i] = amount;
        }
    }

    /// @inheritdoc IInteropFeeCollector
    function forwardZk() external nonReentrant returns (uint256 amount) {
        amount = ZK.balanceOf(address(this));
        require(amount != 0, FeeCollectorZeroAmount());
        address to = _route.distributor;
        ZK.safeTransfer(to, amount);
        emit ZkForwarded(to, amount);
    }

    /// @inheritdoc IInteropFeeCollector
    function claimableBalances(address[] calldata assets) external view returns (uint256[] memory amounts) {
        amounts = new uint256[](assets.length);
        for (uint256 i; i < assets.length; ++i) {
            address asset = assets[i];
            if (!isClaimable[asset]) _revertNotClaimable(asset);
            amounts[i] = asset == address(0) ? address(this).balance : _balanceOf(asset);
        }
    }

    /// @inheritdoc IInteropFeeCollector
    function recover(address asset, address to, uint256 amount) external onlyGovernance nonReentrant {
        require(asset != address(ZK), FeeCollectorAssetIsZk());
        require(!isClaimable[asset], FeeCollectorRecoverClaimableAsset(asset));
        require(to != address(0), FeeCollectorZeroAddress());
        require(amount != 0, FeeCollectorZeroAmount());
        if (asset == address(0)) {
            _sendNative(to, amount);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
        emit AssetRecovered(asset, to, amount);
    }

    /// @inheritdoc IInteropFeeCollector
    function distributor() external view returns (address) {
        return _route.distributor;
    }

    /// @inheritdoc IInteropFeeCollector
    function zkFeePerCall() external view returns (uint256) {
        return _route.zkFeePerCall;
    }

    /// @inheritdoc IInteropFeeCollector
    function setZkFeePerCall(uint256 newFee) external onlyGovernance {
        _setZkFeePerCall(newFee);
    }

    /// @inheritdoc IInteropFeeCollector
    function setBaseFeePerCall(uint256 newFee) external onlyGovernance {
        _setBaseFeePerCall(newFee);
    }

    /// @inheritdoc IInteropFeeCollector
    function setReleaser(address newReleaser) external onlyGovernance {
        require(newReleaser != address(0), FeeCollectorZeroAddress());
        address oldReleaser = releaser;
        require(newReleaser != oldReleaser, FeeCollectorUnchanged());
        releaser = newReleaser;
        emit ReleaserUpdated(oldReleaser, newReleaser);
    }

    /// @inheritdoc IInteropFeeCollector
    function setDistributor(address newDistributor) external onlyGovernance {
        _setDistributor(newDistributor);
    }

    /// @inheritdoc IInteropFeeCollector
    function setGateway(address gateway, bool registered) external onlyGovernance {
        require(gateway != address(0), FeeCollectorZeroAddress());
        require(isGateway[gateway] != registered, FeeCollectorUnchanged());
        isGateway[gateway] = registered;
        emit GatewayUpdated(gateway, registered);
    }

    /// @inheritdoc IInteropFeeCollector
    function setClaimable(address asset, bool claimable) external onlyGovernance {
        require(asset != address(ZK), FeeCollectorAssetIsZk());
        require(isClaimable[asset] != claimable, FeeCollectorUnchanged());
        isClaimable[asset] = claimable;
        emit ClaimableAssetUpdated(asset, claimable);
    }

    function _setZkFeePerCall(uint256 newFee) private {
        require(newFee >= MIN_ZK_FEE_PER_CALL, FeeCollectorZkFeeBelowMin(newFee, MIN_ZK_FEE_PER_CALL));
        require(newFee <= MAX_ZK_FEE_PER_CALL, FeeCollectorZkFeeAboveMax(newFee, MAX_ZK_FEE_PER_CALL));
        uint256 oldFee = _route.zkFeePerCall;
        require(newFee != oldFee, FeeCollectorUnchanged());
        // Fits: MAX_ZK_FEE_PER_CALL < 2**96.
        _route.zkFeePerCall = uint96(newFee);
        emit ZkFeePerCallUpdated(oldFee, newFee);
    }

    function _setBaseFeePerCall(uint256 newFee) private {
        require(newFee >= MIN_BASE_FEE_PER_CALL, FeeCollectorBaseFeeBelowMin(newFee, MIN_BASE_FEE_PER_CALL));
        require(newFee <= MAX_BASE_FEE_PER_CALL, FeeCollectorBaseFeeAboveMax(newFee, MAX_BASE_FEE_PER_CALL));
        uint256 oldFee = baseFeePerCall;
        require(newFee != oldFee, FeeCollectorUnchanged());
        baseFeePerCall = newFee;
        emit BaseFeePerCallUpdated(oldFee, newFee);
    }

    function _setDistributor(address newDistributor) private {
        require(newDistributor != address(0), FeeCollectorZeroAddress());
        address oldDistributor = _route.distributor;
        require(newDistributor != oldDistributor, FeeCollectorUnchanged());
        _route.distributor = newDistributor;
        emit DistributorUpdated(oldDistributor, newDistributor);
    }

    function _revertOrder(address previous, address asset) private pure {
        require(asset != previous, FeeCollectorDuplicateAsset(asset));
        revert FeeCollectorAssetsUnsorted(previous, asset);
    }

    /// @dev ZK is never claimable; say so rather than "not claimable".
    function _revertNotClaimable(address asset) private view {
        require(asset != address(ZK), FeeCollectorAssetIsZk());
        revert FeeCollectorAssetNotClaimable(asset);
    }

    /// @dev A static return type copies 32 bytes of the answer and the catch binds nothing, so a return-bomb or
    /// revert-bomb token cannot drain the caller's gas.
    function _balanceOf(address asset) private view returns (uint256) {
        try IERC20(asset).balanceOf(address(this)) returns (uint256 amount) {
            return amount;
        } catch {
            revert FeeCollectorBalanceQueryFailed(asset);
        }
    }

    /// @dev Copies no return data: a recipient cannot return-bomb the claim.
    function _sendNative(address to, uint256 amount) private {
        require(LowLevelCall.callNoReturn(to, amount, ""), FeeCollectorNativeTransferFailed(to, amount));
    }
}
