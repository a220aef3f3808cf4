// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC7786GatewaySource} from "@openzeppelin/contracts/interfaces/draft-IERC7786.sol";
import {InteroperableAddress} from "@openzeppelin/contracts/utils/draft-InteroperableAddress.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IInteropAttributes, IInteropCenter, InteropBundles} from "../interfaces/IInterop.sol";
import {IInteropFeeCollector} from "../interfaces/IInteropFeeCollector.sol";
import {IInteropCenterV31} from "../interfaces/external/IInteropCenterV31.sol";

/// @notice The ZKsync L1 messenger system contract's entry point (used when MESSENGER is set).
interface IL1Messenger {
    function sendToL1(bytes calldata message) external returns (bytes32);
}

/// @title InteropCenter
/// @notice See {IInteropCenter}.
contract InteropCenter is IInteropCenter, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IInteropCenter
    IInteropFeeCollector public immutable COLLECTOR;
    /// @inheritdoc IInteropCenter
    address public immutable MESSENGER;
    /// @dev The ZK token, read once from the collector.
    IERC20 private immutable _ZK;

    /// @inheritdoc IInteropCenter
    mapping(address sender => uint256) public nonces;
    /// @inheritdoc IInteropCenterV31
    mapping(address coinbase => uint256 amount) public accumulatedProtocolFees;
    /// @inheritdoc IInteropCenterV31
    mapping(address coinbase => uint256 amount) public accumulatedZKFees;

    struct Attributes {
        bool payInZk;
        address executor;
        address unbundler;
    }

    constructor(IInteropFeeCollector collector, address messenger) {
        require(address(collector) != address(0), InteropCenterZeroAddress());
        COLLECTOR = collector;
        MESSENGER = messenger;
        _ZK = IERC20(address(collector.ZK()));
    }

    /// @inheritdoc IInteropCenterV31
    function interopProtocolFee() external view returns (uint256) {
        return COLLECTOR.baseFeePerCall();
    }

    /// @inheritdoc IInteropCenterV31
    /// @dev V31's name (a constant there), kept so tools read one surface; here the collector's governed fee.
    // solhint-disable-next-line func-name-mixedcase
    function ZK_INTEROP_FEE() external view returns (uint256) {
        return COLLECTOR.zkFeePerCall();
    }

    /// @inheritdoc IInteropCenterV31
    function zkToken() external view returns (IERC20) {
        return _ZK;
    }

    /// @inheritdoc IInteropCenterV31
    function claimProtocolFees(address receiver) external nonReentrant {
        uint256 amount = accumulatedProtocolFees[msg.sender];
        if (amount == 0) return;
        accumulatedProtocolFees[msg.sender] = 0;
        (bool sent, ) = receiver.call{value: amount}("");
        require(sent, InteropCenterFeeWithdrawalFailed(receiver, amount));
        emit ProtocolFeesClaimed(msg.sender, receiver, amount);
    }

    /// @inheritdoc IInteropCenterV31
    function claimZKFees(address receiver) external nonReentrant {
        uint256 amount = accumulatedZKFees[msg.sender];
        if (amount == 0) return;
        accumulatedZKFees[msg.sender] = 0;
        _ZK.safeTransfer(receiver, amount);
        emit ZKFeesClaimed(msg.sender, receiver, amount);
    }

    /// @inheritdoc IERC7786GatewaySource
    function supportsAttribute(bytes4 selector) public pure returns (bool) {
        return
            selector == IInteropAttributes.useFixedFee.selector ||
            selector == IInteropAttributes.executionAddress.selector ||
            selector == IInteropAttributes.unbundlerAddress.selector;
    }

    /// @inheritdoc IERC7786GatewaySource
    function sendMessage(
        bytes calldata recipient,
        bytes calldata payload,
        bytes[] calldata attributes
    ) external payable returns (bytes32 sendId) {
        (uint256 chainId, address to) = _parseAddress(recipient);
        require(chainId != 0, InteropCenterInvalidAddress(recipient));
        InteropBundles.BundleCall[] memory calls = new InteropBundles.BundleCall[](1);
        calls[0] = InteropBundles.BundleCall(to, payload);
        bytes32 bundleHash = _send(chainId, calls, _parseAttributes(attributes, chainId), attributes);
        return _sendId(bundleHash, 0);
    }

    /// @inheritdoc IInteropCenter
    function sendBundle(
        bytes calldata destinationChain,
        Call[] calldata calls,
        bytes[] calldata bundleAttributes
    ) external payable returns (bytes32 bundleHash) {
        (uint256 chainId, ) = _parseChain(destinationChain);
        require(calls.length != 0, InteropCenterEmptyBundle());
        InteropBundles.BundleCall[] memory resolved = new InteropBundles.BundleCall[](calls.length);
        for (uint256 i; i < calls.length; ++i) {
            // No attribute is defined per call; refuse any rather than ignore it.
            if (calls[i].callAttributes.length != 0) revert UnsupportedAttribute(bytes4(calls[i].callAttributes[0]));
            (uint256 callChain, address to) = _parseAddress(calls[i].to);
            require(callChain == 0 || callChain == chainId, InteropCenterWrongChain(callChain, chainId));
            resolved[i] = InteropBundles.BundleCall(to, calls[i].data);
        }
        // Bundle attributes travel in BundleSent; each call's MessageSent carries the call's own (none).
        return _send(chainId, resolved, _parseAttributes(bundleAttributes, chainId), new bytes[](0));
    }

    function _send(
        uint256 destinationChainId,
        InteropBundles.BundleCall[] memory calls,
        Attributes memory attrs,
        bytes[] memory attributes
    ) private returns (bytes32 bundleHash) {
        require(destinationChainId != block.chainid, InteropCenterSameChain(block.chainid));
        // One charge per bundle, per call at the fee in force, kept for this block's coinbase (as V31 does).
        if (attrs.payInZk) {
            require(msg.value == 0, InteropCenterWrongValue(msg.value, 0));
            uint256 fee = COLLECTOR.zkFeePerCall() * calls.length;
            _ZK.safeTransferFrom(msg.sender, address(this), fee);
            accumulatedZKFees[block.coinbase] += fee;
            emit FixedZKFeesAccumulated(msg.sender, block.coinbase, fee);
        } else {
            uint256 fee = COLLECTOR.baseFeePerCall() * calls.length;
            require(msg.value == fee, InteropCenterWrongValue(msg.value, fee));
            accumulatedProtocolFees[block.coinbase] += fee;
            emit ProtocolFeesAccumulated(block.coinbase, fee);
        }

        uint256 nonce = nonces[msg.sender]++;
        bytes memory bundle = abi.encode(
            InteropBundles.Bundle({
                sourceChainId: block.chainid,
                destinationChainId: destinationChainId,
                sender: msg.sender,
                nonce: nonce,
                paidInZk: attrs.payInZk,
                executor: attrs.executor,
                unbundler: attrs.unbundler,
                calls: calls
            })
        );
        bundleHash = keccak256(bundle);
        if (MESSENGER != address(0)) IL1Messenger(MESSENGER).sendToL1(abi.encode(bundleHash));

        bytes memory sender = InteroperableAddress.formatEvmV1(block.chainid, msg.sender);
        for (uint256 i; i < calls.length; ++i) {
            emit MessageSent(
                _sendId(bundleHash, i),
                sender,
                InteroperableAddress.formatEvmV1(destinationChainId, calls[i].to),
                calls[i].data,
                0,
                attributes
            );
        }
        emit BundleSent(bundleHash, destinationChainId, msg.sender, nonce, bundle);
    }

    function _parseAttributes(
        bytes[] calldata attributes,
        uint256 destinationChainId
    ) private pure returns (Attributes memory attrs) {
        bool seenFee;
        bool seenExecutor;
        bool seenUnbundler;
        for (uint256 i; i < attributes.length; ++i) {
            bytes calldata attribute = attributes[i];
            require(attribute.length >= 4, InteropCenterMalformedAttribute(attribute));
            bytes4 selector = bytes4(attribute[:4]);
            if (selector == IInteropAttributes.useFixedFee.selector) {
                require(!seenFee, InteropCenterDuplicateAttribute(selector));
                seenFee = true;
                require(attribute.length == 36, InteropCenterMalformedAttribute(attribute));
                attrs.payInZk = abi.decode(attribute[4:], (bool));
            } else if (selector == IInteropAttributes.executionAddress.selector) {
                require(!seenExecutor, InteropCenterDuplicateAttribute(selector));
                seenExecutor = true;
                attrs.executor = _parseAttributeAddress(selector, attribute, destinationChainId);
            } else if (selector == IInteropAttributes.unbundlerAddress.selector) {
                require(!seenUnbundler, InteropCenterDuplicateAttribute(selector));
                seenUnbundler = true;
                attrs.unbundler = _parseAttributeAddress(selector, attribute, destinationChainId);
            } else {
                revert UnsupportedAttribute(selector);
            }
        }
    }

    /// @dev The account of an address attribute; it acts on the destination, so a chain, when given, must be it.
    function _parseAttributeAddress(
        bytes4 selector,
        bytes calldata attribute,
        uint256 destinationChainId
    ) private pure returns (address account) {
        uint256 chainId;
        (chainId, account) = _parseAddress(abi.decode(attribute[4:], (bytes)));
        require(
            chainId == 0 || chainId == destinationChainId,
            InteropCenterAttributeWrongChain(selector, chainId, destinationChainId)
        );
    }

    /// @dev An ERC-7930 EVM address with a 20-byte, non-zero account; the chain may be left out (0).
    function _parseAddress(bytes memory interoperable) private pure returns (uint256 chainId, address account) {
        (bool ok, bytes2 chainType, bytes memory chainReference, bytes memory addr) = InteroperableAddress.tryParseV1(
            interoperable
        );
        require(
            ok && chainType == 0x0000 && chainReference.length < 33 && addr.length == 20,
            InteropCenterInvalidAddress(interoperable)
        );
        account = address(bytes20(addr));
        require(account != address(0), InteropCenterInvalidAddress(interoperable));
        chainId =
            chainReference.length == 0 ? 0 : uint256(bytes32(chainReference)) >> (256 - 8 * chainReference.length);
    }

    /// @dev An ERC-7930 EVM chain with no account.
    function _parseChain(bytes calldata interoperable) private pure returns (uint256 chainId, address) {
        (bool ok, bytes2 chainType, bytes calldata chainReference, bytes calldata addr) = InteroperableAddress
            .tryParseV1Calldata(interoperable);
        require(
            ok && chainType == 0x0000 && chainReference.length != 0 && chainReference.length < 33 && addr.length == 0,
            InteropCenterInvalidAddress(interoperable)
        );
        chainId = uint256(bytes32(chainReference)) >> (256 - 8 * chainReference.length);
        return (chainId, address(0));
    }

    function _sendId(bytes32 bundleHash, uint256 index) private pure returns (bytes32) {
        return keccak256(abi.encode(bundleHash, index));
    }
}
