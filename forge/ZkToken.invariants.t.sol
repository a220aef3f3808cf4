// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ZkToken} from "../contracts/token/ZkToken.sol";
import {Test} from "./base/Test.sol";
import {ZkTokenHandler} from "./handlers/ZkTokenHandler.sol";

/// @notice DESIGN invariant 1 (supply never above the cap), plus balance and vote conservation, per delegatee.
contract ZkTokenInvariants is Test {
    ZkToken internal token;
    ZkTokenHandler internal handler;

    function setUp() public {
        token = new ZkToken(address(this), address(0xBEEF), 1_000_000_000e18);
        handler = new ZkTokenHandler(token);
        token.grantRole(token.MINTER_ROLE(), address(handler));
        token.grantRole(token.BURNER_ROLE(), address(handler));
        // The initial holder hands its supply to the actors so every unit is held by one of them.
        address firstActor = handler.actors(0);
        vm.prank(address(0xBEEF));
        token.transfer(firstActor, 1_000_000_000e18);
        targetContract(address(handler));
    }

    function invariant_totalSupplyNeverExceedsCap() public view {
        assertLe(token.totalSupply(), token.maxSupply(), "total supply above the cap");
    }

    function invariant_balancesSumToTotalSupply() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); i++) sum += token.balanceOf(handler.actors(i));
        assertEq(sum, token.totalSupply(), "sum of balances != total supply");
    }

    function invariant_delegatedVotesNeverExceedSupply() public view {
        uint256 votes;
        uint256 delegatedBalances;
        for (uint256 i; i < handler.actorCount(); i++) {
            address actor = handler.actors(i);
            votes += token.getVotes(actor);
            if (token.delegates(actor) != address(0)) delegatedBalances += token.balanceOf(actor);
        }
        assertLe(votes, token.totalSupply(), "votes above total supply");
        assertEq(votes, delegatedBalances, "votes != balances of delegating holders");
    }

    /// @dev Every delegatee's votes equal the balances of the holders who chose it, whatever sequence of transfers,
    /// mints, burns and re-delegations came before.
    function invariant_eachDelegateeHoldsExactlyItsDelegatorsBalances() public view {
        uint256 count = handler.actorCount();
        for (uint256 d; d < count; d++) {
            address delegatee = handler.actors(d);
            uint256 expected;
            for (uint256 i; i < count; i++) {
                address holder = handler.actors(i);
                if (token.delegates(holder) == delegatee) expected += token.balanceOf(holder);
            }
            assertEq(token.getVotes(delegatee), expected, "delegatee votes != its delegators' balances");
        }
    }
}
