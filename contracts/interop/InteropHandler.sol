// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC7786Recipient} from "@openzeppelin/contracts/interfaces/draft-IERC7786.sol";
import {InteroperableAddress} from "@openzeppelin/contracts/utils/draft-InteroperableAddress.sol";
import {IInteropHandler, IInteropVerifier, InteropBundles} from "../interfaces/IInterop.sol";

/// @title InteropHandler
/// @notice See {IInteropHandler}.
contract InteropHandler is IInteropHandler {
    /// @inheritdoc IInteropHandler
    IInteropVerifier public immutable VERIFIER;

    /// @inheritdoc IInteropHandler
    mapping(bytes32 bundleHash => bool) public executed;
    /// @inheritdoc IInteropHandler
    mapping(bytes32 bundleHash => bool) public cancelled;

    constructor(IInteropVerifier verifier) {
        require(address(verifier) != address(0), InteropHandlerZeroAddress());
        VERIFIER = verifier;
    }

    /// @inheritdoc IInteropHandler
    function executeBundle(bytes calldata bundle, bytes calldata proof) external {
        bytes32 bundleHash = keccak256(bundle);
        InteropBundles.Bundle memory b = abi.decode(bundle, (InteropBundles.Bundle));
        require(
            b.destinationChainId == block.chainid,
            InteropHandlerWrongDestination(b.destinationChainId, block.chainid)
        );
        require(!executed[bundleHash], InteropHandlerAlreadyExecuted(bundleHash));
        require(!cancelled[bundleHash], InteropHandlerCancelled(bundleHash));
        require(
            b.executor == address(0) || b.executor == msg.sender,
            InteropHandlerUnauthorizedExecutor(msg.sender, b.executor)
        );
        require(VERIFIER.verifyBundle(b.sourceChainId, bundleHash, proof), InteropHandlerUnverified(bundleHash));

        // Marked before any call: a call that re-enters cannot execute this bundle again.
        executed[bundleHash] = true;
        bytes memory sender = InteroperableAddress.formatEvmV1(b.sourceChainId, b.sender);
        for (uint256 i; i < b.calls.length; ++i) {
            address to = b.calls[i].to;
            (bool ok, bytes memory ret) = to.call(
                abi.encodeCall(
                    IERC7786Recipient.receiveMessage,
                    (keccak256(abi.encode(bundleHash, i)), sender, b.calls[i].data)
                )
            );
            // Atomic: one failing call reverts the bundle, which (being unmarked again) stays executable.
            if (!ok || ret.length != 32 || bytes4(ret) != IERC7786Recipient.receiveMessage.selector) {
                revert InteropHandlerCallFailed(i, to, ret);
            }
        }
        emit BundleExecuted(bundleHash, b.sourceChainId, msg.sender);
    }

    /// @inheritdoc IInteropHandler
    function cancelBundle(bytes calldata bundle) external {
        bytes32 bundleHash = keccak256(bundle);
        InteropBundles.Bundle memory b = abi.decode(bundle, (InteropBundles.Bundle));
        require(
            b.destinationChainId == block.chainid,
            InteropHandlerWrongDestination(b.destinationChainId, block.chainid)
        );
        require(
            b.unbundler != address(0) && b.unbundler == msg.sender,
            InteropHandlerUnauthorizedUnbundler(msg.sender, b.unbundler)
        );
        require(!executed[bundleHash], InteropHandlerAlreadyExecuted(bundleHash));
        require(!cancelled[bundleHash], InteropHandlerCancelled(bundleHash));
        cancelled[bundleHash] = true;
        emit BundleCancelled(bundleHash, msg.sender);
    }
}
