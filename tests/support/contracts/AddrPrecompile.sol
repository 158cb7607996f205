// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice Stand-in for Sei's Addr precompile (0x0000000000000000000000000000000000001004).
///         Same read interface as the real one; both reads revert when the address has no association.
///         `associate` is test-only: on Sei the association is made by the chain when an account first signs.
/// @dev Placed with hardhat_setCode, so it must not rely on a constructor or immutables.
contract AddrPrecompile {
    mapping(bytes32 => address) private evmBySei;
    mapping(address => string) private seiByEvm;

    function getEvmAddr(string memory addr) external view returns (address response) {
        response = evmBySei[keccak256(bytes(addr))];
        require(response != address(0), "no associated evm address");
    }

    function getSeiAddr(address addr) external view returns (string memory response) {
        response = seiByEvm[addr];
        require(bytes(response).length != 0, "no associated sei address");
    }

    function associate(string memory seiAddr, address evmAddr) external {
        require(bytes(seiAddr).length != 0 && evmAddr != address(0), "empty association");
        evmBySei[keccak256(bytes(seiAddr))] = evmAddr;
        seiByEvm[evmAddr] = seiAddr;
    }
}
