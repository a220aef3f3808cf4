// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A claim recipient that refuses the native token.
contract NativeRejecter {
    error NativeRejected();

    receive() external payable {
        revert NativeRejected();
    }
}

/// @notice A distributor recipient whose notification records, reverts, burns all its gas or re-enters.
contract NotifiableMock {
    enum Mode {
        Record,
        Revert,
        ConsumeAllGas,
        Reenter
    }

    error NotifyFailed();
    error ReentryBlocked();

    Mode public mode;
    uint256 public notified;
    uint256 public notifications;
    address public reentryTarget;

    function setMode(Mode newMode, address target) external {
        mode = newMode;
        reentryTarget = target;
    }

    function notifyRewardAmount(uint256 amount) external {
        if (mode == Mode.Revert) revert NotifyFailed();
        if (mode == Mode.ConsumeAllGas) {
            // solhint-disable-next-line no-empty-blocks
            while (true) {}
        }
        if (mode == Mode.Reenter) {
            (bool ok, ) = reentryTarget.call(abi.encodeWithSignature("distribute()"));
            require(ok, ReentryBlocked());
        }
        notified += amount;
        notifications++;
    }
}
