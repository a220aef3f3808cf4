// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC7786Recipient} from "@openzeppelin/contracts/crosschain/ERC7786Recipient.sol";
import {InteroperableAddress} from "@openzeppelin/contracts/utils/draft-InteroperableAddress.sol";
import {IInteropAttributes, IInteropCenter} from "../interfaces/IInterop.sol";

/// @title CrossChainCounter
/// @notice A sample ERC-7786 recipient: counts what trusted senders tell it to add, refuses increments above a
/// limit its owner sets, and can pass the message on to a third chain (chained A→B→C), paying that hop's fee in ZK.
/// Only (chain, sender) pairs its owner trusts are heard: anyone else could otherwise spend its ZK on fees.
contract CrossChainCounter is ERC7786Recipient {
    error CrossChainCounterIncrementTooLarge(uint256 increment, uint256 maxIncrement);
    error CrossChainCounterNotOwner(address caller);
    error CrossChainCounterUntrustedSender(uint256 chainId, address sender);
    error CrossChainCounterUnchanged();

    event Counted(bytes32 indexed receiveId, bytes sender, uint256 increment, uint256 count);
    event Forwarded(bytes32 indexed bundleHash, bytes destination);
    event MaxIncrementUpdated(uint256 oldMax, uint256 newMax);
    event TrustedSenderUpdated(uint256 indexed chainId, address indexed sender, bool trusted);

    /// @notice The InteropHandler of this chain: the only gateway whose messages count.
    address public immutable HANDLER;
    /// @notice The InteropCenter of this chain, used to pass messages on.
    IInteropCenter public immutable CENTER;
    address public immutable OWNER;

    uint256 public count;
    uint256 public maxIncrement;
    uint256 public messages;
    /// @notice Whether messages from `sender` on chain `chainId` are heard.
    mapping(uint256 chainId => mapping(address sender => bool)) public isTrustedSender;

    constructor(address handler, IInteropCenter center, uint256 initialMaxIncrement) {
        HANDLER = handler;
        CENTER = center;
        OWNER = msg.sender;
        maxIncrement = initialMaxIncrement;
    }

    function setMaxIncrement(uint256 newMax) external {
        require(msg.sender == OWNER, CrossChainCounterNotOwner(msg.sender));
        emit MaxIncrementUpdated(maxIncrement, newMax);
        maxIncrement = newMax;
    }

    function setTrustedSender(uint256 chainId, address sender, bool trusted) external {
        require(msg.sender == OWNER, CrossChainCounterNotOwner(msg.sender));
        require(isTrustedSender[chainId][sender] != trusted, CrossChainCounterUnchanged());
        isTrustedSender[chainId][sender] = trusted;
        emit TrustedSenderUpdated(chainId, sender, trusted);
    }

    /// @notice Lets the InteropCenter pull this contract's ZK for the fees of forwarded messages.
    function approveFees(IERC20 zk, uint256 amount) external {
        require(msg.sender == OWNER, CrossChainCounterNotOwner(msg.sender));
        zk.approve(address(CENTER), amount);
    }

    /// @dev Payload: `abi.encode(uint256 increment, bytes nextRecipient)`; a non-empty `nextRecipient` (ERC-7930,
    /// with its chain) passes the increment on from here, with the fee paid in ZK.
    function _processMessage(
        address,
        bytes32 receiveId,
        bytes calldata sender,
        bytes calldata payload
    ) internal override {
        (uint256 chainId, address from) = InteroperableAddress.parseEvmV1Calldata(sender);
        require(isTrustedSender[chainId][from], CrossChainCounterUntrustedSender(chainId, from));
        (uint256 increment, bytes memory nextRecipient) = abi.decode(payload, (uint256, bytes));
        require(increment <= maxIncrement, CrossChainCounterIncrementTooLarge(increment, maxIncrement));
        count += increment;
        messages++;
        emit Counted(receiveId, sender, increment, count);
        if (nextRecipient.length != 0) {
            bytes[] memory attributes = new bytes[](1);
            attributes[0] = abi.encodeCall(IInteropAttributes.useFixedFee, (true));
            bytes32 id = CENTER.sendMessage(nextRecipient, abi.encode(increment, bytes("")), attributes);
            emit Forwarded(id, nextRecipient);
        }
    }

    function _isAuthorizedGateway(address gateway, bytes calldata) internal view override returns (bool) {
        return gateway == HANDLER;
    }
}
