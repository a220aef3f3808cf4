// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IInteropVerifier} from "../interfaces/IInterop.sol";

/// @title RelayedRootVerifier
/// @notice Verifier for local multi-chain networks: accounts with `RELAYER_ROLE` post the hashes of bundles they saw
/// sent on a source chain; a posted hash verifies, with any proof.
/// @dev Warning: a relayer can make any bundle hash valid. Use only where the relayer is trusted (local networks,
/// tests); on ZKsync use {ZKsyncMessageVerifier}.
contract RelayedRootVerifier is IInteropVerifier, AccessControl {
    bytes32 public constant RELAYER_ROLE = keccak256("RELAYER_ROLE");

    error RelayedRootVerifierAlreadyPosted(uint256 sourceChainId, bytes32 bundleHash);

    event BundleHashPosted(uint256 indexed sourceChainId, bytes32 indexed bundleHash, address indexed relayer);

    mapping(uint256 sourceChainId => mapping(bytes32 bundleHash => bool)) public posted;

    constructor(address admin, address relayer) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(RELAYER_ROLE, relayer);
    }

    /// @notice Records that `bundleHash` was sent on `sourceChainId`. Only relayers; each hash once.
    function postBundleHash(uint256 sourceChainId, bytes32 bundleHash) external onlyRole(RELAYER_ROLE) {
        require(!posted[sourceChainId][bundleHash], RelayedRootVerifierAlreadyPosted(sourceChainId, bundleHash));
        posted[sourceChainId][bundleHash] = true;
        emit BundleHashPosted(sourceChainId, bundleHash, msg.sender);
    }

    /// @inheritdoc IInteropVerifier
    function verifyBundle(uint256 sourceChainId, bytes32 bundleHash, bytes calldata) external view returns (bool) {
        return posted[sourceChainId][bundleHash];
    }
}
