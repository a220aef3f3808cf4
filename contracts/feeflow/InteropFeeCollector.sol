// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IInteropFeeCollector} from "../interfaces/IInteropFeeCollector.sol";
import {IZkBurnable} from "../interfaces/IZkToken.sol";
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
    /// @dev One assembly pass on purpose: every claim runs it once per asset, and each helper call would cost gas.
    // solhint-disable-next-line function-max-lines
    function release(
        ReleaseRequest[] calldata requests,
        address recipient
    ) external returns (address[] memory, uint256[] memory) {
        // No guard of its own: only the releaser calls this, and the releaser (the auction) holds the guard.
        require(msg.sender == releaser, FeeCollectorUnauthorizedReleaser(msg.sender, releaser));
        // The answer is built in place as its ABI encoding and returned as is, so a claim pays for no copy or
        // re-encoding: [0x40][0x60 + 32n][n][asset × n][n][amount × n]. It is also the claim event's data.
        // One pass per request: order, whitelist read, balance query (32 bytes read, so a return bomb costs
        // nothing), transfer with SafeERC20's rules (a revert is bubbled up, `false` fails, no return value
        // passes), minimum.
        {
            address zk = address(ZK);
            assembly ("memory-safe") {
                let answer := mload(0x40)
                let n := requests.length
                mstore(answer, 0x40)
                mstore(add(answer, 0x20), add(0x60, shl(5, n)))
                mstore(add(answer, 0x40), n)
                mstore(add(answer, add(0x60, shl(5, n))), n)
                // Free memory above the answer: a call's input at +0x00, ZK at +0x60 for the rare error path.
                mstore(add(answer, add(0xe0, shl(6, n))), zk)
            }
        }
        assembly ("memory-safe") {
            // From an asset's word to its amount's word.
            let gap := add(0x20, shl(5, requests.length))
            let out := add(mload(0x40), 0x60)
            let outEnd := add(out, shl(5, requests.length))
            // The least address the next request may name: strictly ascending.
            let floor := 0
            for {
                let p := requests.offset
            } lt(out, outEnd) {
                p := add(p, 0x40)
                out := add(out, 0x20)
            } {
                let asset := calldataload(p)
                if lt(asset, floor) {
                    if eq(asset, sub(floor, 1)) {
                        mstore(0x00, shl(224, 0x6218e2d2)) // FeeCollectorDuplicateAsset(address)
                        mstore(0x04, asset)
                        revert(0x00, 0x24)
                    }
                    let scratch := add(outEnd, gap)
                    mstore(scratch, shl(224, 0xc1684eae)) // FeeCollectorAssetsUnsorted(address,address)
                    mstore(add(scratch, 0x04), sub(floor, 1))
                    mstore(add(scratch, 0x24), asset)
                    revert(scratch, 0x44)
                }
                floor := add(asset, 1)
                // A word with dirty high bits is no registered asset: this read rejects it.
                mstore(0x00, asset)
                mstore(0x20, isClaimable.slot)
                if iszero(sload(keccak256(0x00, 0x40))) {
                    if eq(asset, mload(add(outEnd, add(gap, 0x60)))) {
                        mstore(0x00, shl(224, 0xd797e07c)) // FeeCollectorAssetIsZk()
                        revert(0x00, 0x04)
                    }
                    mstore(0x00, shl(224, 0xb1e5a547)) // FeeCollectorAssetNotClaimable(address)
                    mstore(0x04, asset)
                    revert(0x00, 0x24)
                }
                let amount
                switch asset
                case 0 {
                    amount := selfbalance()
                    if amount {
                        if iszero(call(gas(), recipient, amount, 0, 0, 0, 0)) {
                            let scratch := add(outEnd, gap)
                            mstore(scratch, shl(224, 0x44d6fad6)) // FeeCollectorNativeTransferFailed(address,uint256)
                            mstore(add(scratch, 0x04), recipient)
                            mstore(add(scratch, 0x24), amount)
                            revert(scratch, 0x44)
                        }
                    }
                }
                default {
                    mstore(0x00, shl(224, 0x70a08231)) // balanceOf(address)
                    mstore(0x04, address())
                    if iszero(and(gt(returndatasize(), 0x1f), staticcall(gas(), asset, 0x00, 0x24, 0x00, 0x20))) {
                        mstore(0x00, shl(224, 0x81d5d71e)) // FeeCollectorBalanceQueryFailed(address)
                        mstore(0x04, asset)
                        revert(0x00, 0x24)
                    }
                    amount := mload(0x00)
                    if amount {
                        let scratch := add(outEnd, gap)
                        mstore(scratch, shl(224, 0xa9059cbb)) // transfer(address,uint256)
                        mstore(add(scratch, 0x04), recipient)
                        mstore(add(scratch, 0x24), amount)
                        if iszero(call(gas(), asset, 0, scratch, 0x44, 0x00, 0x20)) {
                            returndatacopy(scratch, 0, returndatasize())
                            revert(scratch, returndatasize())
                        }
                        if returndatasize() {
                            if iszero(and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1))) {
                                mstore(0x00, shl(224, 0x5274afe7)) // SafeERC20FailedOperation(address)
                                mstore(0x04, asset)
                                revert(0x00, 0x24)
                            }
                        }
                    }
                }
                if lt(amount, calldataload(add(p, 0x20))) {
                    let scratch := add(outEnd, gap)
                    mstore(scratch, shl(224, 0xeec185af)) // FeeCollectorAmountBelowMin(address,uint256,uint256)
                    mstore(add(scratch, 0x04), asset)
                    mstore(add(scratch, 0x24), amount)
                    mstore(add(scratch, 0x44), calldataload(add(p, 0x20)))
                    revert(scratch, 0x64)
                }
                mstore(out, asset)
                mstore(add(out, gap), amount)
            }
            return(mload(0x40), add(0x60, add(gap, shl(5, requests.length))))
        }
    }

    /// @inheritdoc IInteropFeeCollector
    function claimableBalances(address[] calldata assets) external view returns (uint256[] memory amounts) {
        amounts = new uint256[](assets.length);
        for (uint256 i; i < assets.length; ++i) {
            address asset = assets[i];
            require(isClaimable[asset], FeeCollectorAssetNotClaimable(asset));
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

    /// @dev Reads only 32 bytes of the answer, so a return-bomb token cannot drain the caller's gas.
    function _balanceOf(address asset) private view returns (uint256 amount) {
        bytes4 selector = IERC20.balanceOf.selector;
        bool ok;
        uint256 size;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), address())
            ok := staticcall(gas(), asset, ptr, 0x24, 0x00, 0x20)
            size := returndatasize()
            amount := mload(0x00)
        }
        require(ok && size >= 0x20, FeeCollectorBalanceQueryFailed(asset));
    }

    /// @dev Copies no return data: a recipient cannot return-bomb the claim.
    function _sendNative(address to, uint256 amount) private {
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), to, amount, 0, 0, 0, 0)
        }
        require(ok, FeeCollectorNativeTransferFailed(to, amount));
    }
}
