// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title A contract whose parameters belong to one governance address
/// @notice After deployment the governance address is the timelock of ZkTokenGovernor; the deployer keeps nothing.
/// @dev Warning: governance can change every parameter within its bounds; it can never take a claimable asset.
interface IGoverned {
    /// @notice The caller is not the governance address.
    error GovernedUnauthorized(address caller, address governance);

    /// @notice The zero address was given where an account is required.
    error GovernedZeroAddress();

    /// @notice The new governance address is the current one.
    error GovernedUnchanged(address governance);

    /// @notice Governance moved from `oldGovernance` to `newGovernance`.
    event GovernanceTransferred(address indexed oldGovernance, address indexed newGovernance);

    /// @notice The address allowed to call every setter (the timelock after deployment).
    function governance() external view returns (address);

    /// @notice Hands every setter to `newGovernance`. Only governance.
    function transferGovernance(address newGovernance) external;
}
