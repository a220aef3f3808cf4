// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IInteropVerifier} from "../interfaces/IInterop.sol";

/// @notice An L2→L1 message as the ZKsync message-verification system contract proves it.
struct L2Message {
    uint16 txNumberInBatch;
    address sender;
    bytes data;
}

/// @notice The live ZKsync message-verification system contract (`L2MessageVerification`).
interface IL2MessageVerification {
    function proveL2MessageInclusionShared(
        uint256 chainId,
        uint256 batchNumber,
        uint256 index,
        L2Message calldata message,
        bytes32[] calldata proof
    ) external view returns (bool);
}

/// @title ZKsyncMessageVerifier
/// @notice Adapter from {IInteropVerifier} to the live ZKsync message verification: a bundle is verified when the
/// source chain's InteropCenter sent `abi.encode(bundleHash)` to L1 (InteropCenter does so when its MESSENGER is the
/// L1 messenger) and the message is proven included in a settled batch.
/// @dev Warning: trusts the system contract's proof check and the InteropCenter address given per source chain.
/// `proof` is `abi.encode(uint256 batchNumber, uint256 index, uint16 txNumberInBatch, bytes32[] merkleProof)`.
contract ZKsyncMessageVerifier is IInteropVerifier {
    error ZKsyncMessageVerifierLengthMismatch(uint256 chains, uint256 centers);
    error ZKsyncMessageVerifierZeroAddress();

    IL2MessageVerification public immutable MESSAGE_VERIFICATION;
    /// @notice The InteropCenter of each source chain, whose messages prove bundles.
    mapping(uint256 sourceChainId => address) public centerOf;

    constructor(IL2MessageVerification messageVerification, uint256[] memory chainIds, address[] memory centers) {
        require(address(messageVerification) != address(0), ZKsyncMessageVerifierZeroAddress());
        require(
            chainIds.length == centers.length,
            ZKsyncMessageVerifierLengthMismatch(chainIds.length, centers.length)
        );
        MESSAGE_VERIFICATION = messageVerification;
        for (uint256 i; i < chainIds.length; ++i) {
            require(centers[i] != address(0), ZKsyncMessageVerifierZeroAddress());
            centerOf[chainIds[i]] = centers[i];
        }
    }

    /// @inheritdoc IInteropVerifier
    function verifyBundle(
        uint256 sourceChainId,
        bytes32 bundleHash,
        bytes calldata proof
    ) external view returns (bool) {
        address center = centerOf[sourceChainId];
        if (center == address(0)) return false;
        (uint256 batchNumber, uint256 index, uint16 txNumberInBatch, bytes32[] memory merkleProof) = abi.decode(
            proof,
            (uint256, uint256, uint16, bytes32[])
        );
        return
            MESSAGE_VERIFICATION.proveL2MessageInclusionShared(
                sourceChainId,
                batchNumber,
                index,
                L2Message(txNumberInBatch, center, abi.encode(bundleHash)),
                merkleProof
            );
    }
}
