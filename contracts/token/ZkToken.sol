// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IZkBurnable, IZkToken} from "../interfaces/IZkToken.sol";

/// @title ZkToken
/// @notice The capped, burnable ZK governance token. See {IZkToken}.
/// @dev A composition of OpenZeppelin's ERC20, ERC20Permit, ERC20Votes (timestamp clock), ERC20Capped and
/// AccessControl. Only `delegateOnBehalf` and the live token's burn surface are written here.
contract ZkToken is IZkToken, ERC20Capped, ERC20Permit, ERC20Votes, AccessControl {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant MINTER_ADMIN_ROLE = keccak256("MINTER_ADMIN_ROLE");
    bytes32 public constant BURNER_ROLE = keccak256("BURNER_ROLE");
    bytes32 public constant BURNER_ADMIN_ROLE = keccak256("BURNER_ADMIN_ROLE");

    /// @notice EIP-712 type of `delegateOnBehalf`, as in the live token.
    bytes32 public constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address owner,address delegatee,uint256 nonce,uint256 expiry)"
    );

    /// @notice 21 billion ZK, the live token's cap (ZIP-14).
    uint256 public constant MAX_SUPPLY = 21_000_000_000e18;

    /// @param admin Receives `DEFAULT_ADMIN_ROLE`, `MINTER_ADMIN_ROLE` and `BURNER_ADMIN_ROLE`.
    /// @param mintReceiver Receives the initial supply.
    /// @param mintAmount The initial supply; at most the cap.
    constructor(
        address admin,
        address mintReceiver,
        uint256 mintAmount
    ) ERC20("ZKsync", "ZK") ERC20Capped(MAX_SUPPLY) ERC20Permit("ZKsync") {
        _setRoleAdmin(MINTER_ROLE, MINTER_ADMIN_ROLE);
        _setRoleAdmin(BURNER_ROLE, BURNER_ADMIN_ROLE);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(MINTER_ADMIN_ROLE, admin);
        _grantRole(BURNER_ADMIN_ROLE, admin);
        _mint(mintReceiver, mintAmount);
    }

    /// @inheritdoc IZkToken
    function maxSupply() external view returns (uint256) {
        return cap();
    }

    /// @inheritdoc IZkToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc IZkBurnable
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }

    /// @inheritdoc IZkToken
    function burn(address from, uint256 amount) external onlyRole(BURNER_ROLE) {
        _burn(from, amount);
    }

    /// @inheritdoc IZkToken
    function burnFrom(address from, uint256 amount) external onlyRole(BURNER_ROLE) {
        _burn(from, amount);
    }

    /// @inheritdoc IZkToken
    function delegateOnBehalf(address signer, address delegatee, uint256 expiry, bytes calldata signature) external {
        require(block.timestamp <= expiry, ZkTokenDelegationExpired(expiry, block.timestamp));
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(DELEGATION_TYPEHASH, signer, delegatee, _useNonce(signer), expiry))
        );
        require(
            SignatureChecker.isValidSignatureNow(signer, digest, signature),
            ZkTokenInvalidDelegationSignature(signer)
        );
        _delegate(signer, delegatee);
    }

    /// @notice Votes and checkpoints are keyed by timestamp, as in the live token.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice Machine-readable description of the clock (EIP-6372).
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped, ERC20Votes) {
        super._update(from, to, value);
    }
}
