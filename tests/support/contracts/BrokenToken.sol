// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {TestToken} from "./TestToken.sol";

/// @notice A token whose metadata reads work but whose balanceOf always reverts,
///         to exercise multicall allowFailure paths.
contract BrokenToken is TestToken {
    constructor(string memory name_, string memory symbol_, uint8 decimals_) TestToken(name_, symbol_, decimals_) {}

    function balanceOf(address) public pure override returns (uint256) {
        revert("BrokenToken: balanceOf is broken");
    }
}
