// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice An ERC-20 that misbehaves on demand, for the hostile-token suite.
contract HostileToken {
    enum Mode {
        Normal,
        RevertOnTransfer,
        ConsumeAllGas,
        ReturnBomb,
        ReturnFalse,
        NoReturn,
        FeeOnTransfer,
        Reentrant,
        RevertOnBalanceOf
    }

    error HostileTokenRevert();

    event Transfer(address indexed from, address indexed to, uint256 value);

    Mode public mode;
    uint256 public totalSupply;
    /// @dev Rebasing: balances are shares × index / 1e18.
    uint256 public index = 1e18;
    mapping(address => uint256) public shares;
    mapping(address => mapping(address => uint256)) public allowance;
    address public reentryTarget;
    bytes public reentryData;

    function setMode(Mode newMode) external {
        mode = newMode;
    }

    function setReentry(address target, bytes calldata data) external {
        reentryTarget = target;
        reentryData = data;
    }

    /// @notice Multiplies every balance by `newIndex / 1e18`.
    function rebase(uint256 newIndex) external {
        index = newIndex;
    }

    function mint(address to, uint256 amount) external {
        shares[to] += (amount * 1e18) / index;
        totalSupply += amount;
    }

    function balanceOf(address account) external view returns (uint256) {
        if (mode == Mode.RevertOnBalanceOf) revert HostileTokenRevert();
        return (shares[account] * index) / 1e18;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return _answer();
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        _move(from, to, amount);
        return _answer();
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 moved = (amount * 1e18) / index;
        shares[from] -= moved;
        // Fee-on-transfer: 1% of every transfer disappears.
        if (mode == Mode.FeeOnTransfer) moved -= moved / 100;
        shares[to] += moved;
        emit Transfer(from, to, amount);
    }

    function _answer() private returns (bool) {
        Mode m = mode;
        if (m == Mode.RevertOnTransfer) revert HostileTokenRevert();
        if (m == Mode.ConsumeAllGas) {
            // solhint-disable-next-line no-empty-blocks
            while (true) {}
        }
        if (m == Mode.Reentrant) {
            (bool ok, bytes memory ret) = reentryTarget.call(reentryData);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(ret, 0x20), mload(ret))
                }
            }
        }
        if (m == Mode.ReturnBomb) {
            assembly ("memory-safe") {
                mstore(0, 1)
                return(0, 100000)
            }
        }
        if (m == Mode.NoReturn) {
            assembly ("memory-safe") {
                return(0, 0)
            }
        }
        return m != Mode.ReturnFalse;
    }
}
