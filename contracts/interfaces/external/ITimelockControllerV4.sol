// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title An OpenZeppelin 4.9 TimelockController, as the deploy and the ZIP tooling call it
/// @notice ZK Nation's Token Governor executes through one. Its admin role is `TIMELOCK_ADMIN_ROLE` (OpenZeppelin 5
/// renamed it `DEFAULT_ADMIN_ROLE`), so role checks must ask which one it has.
/// @dev Warning: whoever holds `TIMELOCK_ADMIN_ROLE` can grant the proposer role; after set-up only the timelock
/// itself should.
interface ITimelockControllerV4 {
    // solhint-disable-next-line func-name-mixedcase
    function TIMELOCK_ADMIN_ROLE() external view returns (bytes32);
    // solhint-disable-next-line func-name-mixedcase
    function PROPOSER_ROLE() external view returns (bytes32);
    // solhint-disable-next-line func-name-mixedcase
    function EXECUTOR_ROLE() external view returns (bytes32);
    // solhint-disable-next-line func-name-mixedcase
    function CANCELLER_ROLE() external view returns (bytes32);
    function hasRole(bytes32 role, address account) external view returns (bool);
    function getRoleAdmin(bytes32 role) external view returns (bytes32);
    function getMinDelay() external view returns (uint256);
    function isOperation(bytes32 id) external view returns (bool);
    function isOperationDone(bytes32 id) external view returns (bool);

    // Callable only by the timelock itself (through a proposal).
    function updateDelay(uint256 newDelay) external;
    function grantRole(bytes32 role, address account) external;
    function revokeRole(bytes32 role, address account) external;
}
