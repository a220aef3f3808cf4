// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC7786GatewaySource} from "@openzeppelin/contracts/interfaces/draft-IERC7786.sol";
import {IInteropFeeCollector} from "./IInteropFeeCollector.sol";
import {IInteropCenterV31} from "./external/IInteropCenterV31.sol";

/// @title The attributes InteropCenter understands, as ABI-encoded selector calls (as in the live V31 gateway)
/// @dev Never called: each attribute is `abi.encodeCall(IInteropAttributes.x, (value))`.
interface IInteropAttributes {
    /// @notice true: pay the fee in ZK (`zkFeePerCall` × calls, pulled from the sender); false: in native token.
    function useFixedFee(bool payInZk) external;

    /// @notice The only account (ERC-7930 address) allowed to execute the bundle on the destination.
    function executionAddress(bytes calldata executor) external;

    /// @notice The account (ERC-7930 address) allowed to cancel the bundle on the destination.
    function unbundlerAddress(bytes calldata unbundler) external;
}

/// @title What InteropCenter emits and InteropHandler executes
library InteropBundles {
    /// @notice One call of a bundle, with the recipient resolved to an address on the destination chain.
    struct BundleCall {
        address to;
        bytes data;
    }

    /// @notice A bundle as sent: `keccak256(abi.encode(bundle))` is its hash, unique through the sender nonce.
    struct Bundle {
        uint256 sourceChainId;
        uint256 destinationChainId;
        address sender;
        uint256 nonce;
        bool paidInZk;
        address executor; // zero: anyone may execute
        address unbundler; // zero: nobody may cancel
        BundleCall[] calls;
    }
}

/// @title InteropCenter
/// @notice ERC-7786 source gateway: sends messages and bundles of calls to another chain. Fees are kept as V31's
/// InteropCenter keeps them (see {IInteropCenterV31}): per call, per `block.coinbase`, claimed by that coinbase; the
/// InteropFeeCollector sweeps them when it is the coinbase. Where V31 has a constant ZK fee and an operator-set base
/// fee, this gateway charges the collector's governed, bounded `zkFeePerCall` and `baseFeePerCall`.
/// Addresses are ERC-7930.
/// @dev Warning: in ZK mode the fee is pulled from the sender, who must have approved this gateway.
interface IInteropCenter is IERC7786GatewaySource, IInteropCenterV31 {
    /// @notice One call of `sendBundle`: `to` is an ERC-7930 address; `callAttributes` must be empty (none is
    /// defined per call).
    struct Call {
        bytes to;
        bytes data;
        bytes[] callAttributes;
    }

    error InteropCenterEmptyBundle();
    error InteropCenterSameChain(uint256 chainId);
    error InteropCenterInvalidAddress(bytes interoperableAddress);
    error InteropCenterWrongChain(uint256 chainId, uint256 destinationChainId);
    error InteropCenterDuplicateAttribute(bytes4 selector);
    /// @notice An `executionAddress` or `unbundlerAddress` names a chain other than the bundle's destination.
    error InteropCenterAttributeWrongChain(bytes4 selector, uint256 chainId, uint256 destinationChainId);
    error InteropCenterMalformedAttribute(bytes attribute);
    error InteropCenterZeroAddress();
    /// @notice The value sent is not the native fee of the bundle (zero when paying in ZK).
    error InteropCenterWrongValue(uint256 sent, uint256 required);
    /// @notice Sending the claimed base-token fees to the receiver failed.
    error InteropCenterFeeWithdrawalFailed(address receiver, uint256 amount);

    /// @notice A bundle left for `destinationChainId`; `bundle` is `abi.encode(InteropBundles.Bundle)`, all a
    /// relayer needs to carry it.
    event BundleSent(
        bytes32 indexed bundleHash,
        uint256 indexed destinationChainId,
        address indexed sender,
        uint256 nonce,
        bytes bundle
    );

    /// @notice The collector whose governed fee schedule this gateway charges.
    function COLLECTOR() external view returns (IInteropFeeCollector);
    /// @notice The L1 messenger a ZKsync chain proves bundles through (zero on local networks).
    function MESSENGER() external view returns (address);
    /// @notice The nonce the next bundle of `sender` gets.
    function nonces(address sender) external view returns (uint256);

    /// @notice Sends `calls` to one destination chain, executed there atomically and in order.
    /// @param destinationChain ERC-7930 address with the chain only.
    /// @return bundleHash The hash the destination verifies and executes once.
    function sendBundle(
        bytes calldata destinationChain,
        Call[] calldata calls,
        bytes[] calldata bundleAttributes
    ) external payable returns (bytes32 bundleHash);
}

/// @title Verifies that a bundle was sent on its source chain
interface IInteropVerifier {
    function verifyBundle(uint256 sourceChainId, bytes32 bundleHash, bytes calldata proof) external view returns (bool);
}

/// @title InteropHandler
/// @notice Executes bundles delivered from other chains: verified, for this chain, by an allowed executor, never
/// twice; each call goes to the recipient's ERC-7786 `receiveMessage` and must return its selector. Any failure
/// reverts the whole bundle, which stays executable.
interface IInteropHandler {
    error InteropHandlerWrongDestination(uint256 destinationChainId, uint256 chainId);
    error InteropHandlerAlreadyExecuted(bytes32 bundleHash);
    error InteropHandlerCancelled(bytes32 bundleHash);
    error InteropHandlerUnverified(bytes32 bundleHash);
    error InteropHandlerUnauthorizedExecutor(address caller, address executor);
    error InteropHandlerUnauthorizedUnbundler(address caller, address unbundler);
    error InteropHandlerCallFailed(uint256 index, address to, bytes reason);
    error InteropHandlerZeroAddress();

    event BundleExecuted(bytes32 indexed bundleHash, uint256 indexed sourceChainId, address indexed executor);
    event BundleCancelled(bytes32 indexed bundleHash, address indexed unbundler);

    function VERIFIER() external view returns (IInteropVerifier);
    function executed(bytes32 bundleHash) external view returns (bool);
    function cancelled(bytes32 bundleHash) external view returns (bool);

    /// @notice Executes `bundle` (`abi.encode(InteropBundles.Bundle)`) with `proof` for the verifier.
    function executeBundle(bytes calldata bundle, bytes calldata proof) external;

    /// @notice The bundle's unbundler gives up on it: it can never execute.
    function cancelBundle(bytes calldata bundle) external;
}
