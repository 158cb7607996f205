// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice A devnet stand-in for a Yei Finance (Aave v3) market: Pool, AaveProtocolDataProvider and AaveOracle with
///         exactly the functions the app's aave-v3 adapter reads or builds transactions for, with Aave v3's ABI and units.
/// @dev    Simplified on purpose: interest does not accrue (indexes stay at 1 ray, rates are fixed per reserve and set by the
///         owner), there are no aToken/debt-token contracts (balances live in the pool, which also holds the liquidity),
///         no isolation mode, e-mode, caps, flash loans or liquidations. What is faithful: real ERC-20 transfers, the
///         account figures of getUserAccountData computed as Aave v3's GenericLogic does (base currency = the oracle's
///         8-decimal unit, percentMul / wadDiv rounding, uint256 max health factor without debt), and the LTV / health
///         factor checks on borrow, withdraw and collateral toggling.

interface IYeiTestErc20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function symbol() external view returns (string memory);
}

interface IYeiTestPriceOracle {
    function getAssetPrice(address asset) external view returns (uint256);
}

/// @notice AaveOracle stand-in: prices in the base currency (USD, 8 decimals), set by tests.
contract YeiTestOracle {
    address public owner;
    mapping(address => uint256) internal prices;

    event AssetPriceUpdated(address indexed asset, uint256 price);

    constructor() {
        owner = msg.sender;
    }

    function BASE_CURRENCY() external pure returns (address) {
        return address(0);
    }

    function BASE_CURRENCY_UNIT() external pure returns (uint256) {
        return 1e8;
    }

    function setAssetPrice(address asset, uint256 price) external {
        require(msg.sender == owner, "YeiTestOracle: not owner");
        prices[asset] = price;
        emit AssetPriceUpdated(asset, price);
    }

    function getAssetPrice(address asset) public view returns (uint256) {
        uint256 price = prices[asset];
        require(price != 0, "YeiTestOracle: no price");
        return price;
    }

    function getAssetsPrices(address[] calldata assets) external view returns (uint256[] memory out) {
        out = new uint256[](assets.length);
        for (uint256 i = 0; i < assets.length; i++) out[i] = getAssetPrice(assets[i]);
    }
}

/// @notice Aave v3 Pool stand-in.
contract YeiTestPool {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant RAY = 1e27;
    uint256 internal constant PERCENTAGE_FACTOR = 1e4;
    uint256 internal constant HALF_PERCENTAGE_FACTOR = 0.5e4;

    /// Owner-set reserve parameters (bps for ltv, liquidationThreshold, liquidationBonus, reserveFactor; ray for rates).
    struct ReserveParams {
        uint8 decimals;
        uint16 ltv;
        uint16 liquidationThreshold;
        uint16 liquidationBonus;
        uint16 reserveFactor;
        bool borrowingEnabled;
        bool stableBorrowRateEnabled;
        bool isActive;
        bool isFrozen;
        uint128 liquidityRate;
        uint128 variableBorrowRate;
        uint128 stableBorrowRate;
    }

    struct ReserveState {
        ReserveParams params;
        uint256 totalSupplied;
        uint256 totalVariableDebt;
        uint256 totalStableDebt;
        uint40 lastUpdateTimestamp;
        bool exists;
    }

    struct UserReserveState {
        uint256 supplied;
        uint256 variableDebt;
        uint256 stableDebt;
        uint256 stableRate;
        uint40 stableRateLastUpdated;
        bool usageAsCollateralEnabled;
    }

    struct AccountData {
        uint256 totalCollateralBase;
        uint256 totalDebtBase;
        uint256 availableBorrowsBase;
        uint256 currentLiquidationThreshold;
        uint256 ltv;
        uint256 healthFactor;
    }

    address public owner;
    address public oracle;
    address[] internal reservesList;
    mapping(address => ReserveState) internal reserves;
    mapping(address => mapping(address => UserReserveState)) internal userReserves;

    event Supply(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint16 indexed referralCode);
    event Withdraw(address indexed reserve, address indexed user, address indexed to, uint256 amount);
    event Borrow(
        address indexed reserve,
        address user,
        address indexed onBehalfOf,
        uint256 amount,
        uint8 interestRateMode,
        uint256 borrowRate,
        uint16 indexed referralCode
    );
    event Repay(address indexed reserve, address indexed user, address indexed repayer, uint256 amount, bool useATokens);

    constructor(address oracle_) {
        owner = msg.sender;
        oracle = oracle_;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "YeiTestPool: not owner");
        _;
    }

    // ---- administration (test only) ----

    function initReserve(address asset, ReserveParams calldata params) external onlyOwner {
        require(!reserves[asset].exists, "YeiTestPool: reserve exists");
        require(params.liquidationThreshold >= params.ltv && params.liquidationThreshold <= PERCENTAGE_FACTOR, "YeiTestPool: bad threshold");
        reserves[asset].params = params;
        reserves[asset].exists = true;
        reserves[asset].lastUpdateTimestamp = uint40(block.timestamp);
        reservesList.push(asset);
    }

    function setReserveParams(address asset, ReserveParams calldata params) external onlyOwner {
        require(reserves[asset].exists, "YeiTestPool: no reserve");
        reserves[asset].params = params;
        reserves[asset].lastUpdateTimestamp = uint40(block.timestamp);
    }

    // ---- Aave v3 IPool writes ----

    function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode) external {
        ReserveState storage reserve = activeReserve(asset);
        require(!reserve.params.isFrozen, "YeiTestPool: reserve frozen");
        require(amount != 0, "YeiTestPool: invalid amount");
        require(IYeiTestErc20(asset).transferFrom(msg.sender, address(this), amount), "YeiTestPool: transfer failed");
        UserReserveState storage user = userReserves[asset][onBehalfOf];
        bool isFirstSupply = user.supplied == 0;
        user.supplied += amount;
        reserve.totalSupplied += amount;
        reserve.lastUpdateTimestamp = uint40(block.timestamp);
        // Aave v3 turns a first supply into collateral automatically when the asset can be collateral.
        if (isFirstSupply && reserve.params.ltv != 0) user.usageAsCollateralEnabled = true;
        emit Supply(asset, msg.sender, onBehalfOf, amount, referralCode);
    }

    function withdraw(address asset, uint256 amount, address to) external returns (uint256) {
        ReserveState storage reserve = activeReserve(asset);
        UserReserveState storage user = userReserves[asset][msg.sender];
        uint256 amountToWithdraw = amount == type(uint256).max ? user.supplied : amount;
        require(amountToWithdraw != 0, "YeiTestPool: invalid amount");
        require(amountToWithdraw <= user.supplied, "YeiTestPool: not enough available user balance");
        user.supplied -= amountToWithdraw;
        reserve.totalSupplied -= amountToWithdraw;
        reserve.lastUpdateTimestamp = uint40(block.timestamp);
        if (user.supplied == 0) user.usageAsCollateralEnabled = false;
        requireHealthy(msg.sender);
        require(IYeiTestErc20(asset).transfer(to, amountToWithdraw), "YeiTestPool: transfer failed");
        emit Withdraw(asset, msg.sender, to, amountToWithdraw);
        return amountToWithdraw;
    }

    function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf) external {
        ReserveState storage reserve = activeReserve(asset);
        require(!reserve.params.isFrozen, "YeiTestPool: reserve frozen");
        require(reserve.params.borrowingEnabled, "YeiTestPool: borrowing not enabled");
        require(onBehalfOf == msg.sender, "YeiTestPool: credit delegation not supported");
        require(amount != 0, "YeiTestPool: invalid amount");
        UserReserveState storage user = userReserves[asset][onBehalfOf];
        uint256 rate;
        if (interestRateMode == 1) {
            require(reserve.params.stableBorrowRateEnabled, "YeiTestPool: stable borrowing not enabled");
            rate = reserve.params.stableBorrowRate;
            user.stableRate = rate;
            user.stableRateLastUpdated = uint40(block.timestamp);
            user.stableDebt += amount;
            reserve.totalStableDebt += amount;
        } else if (interestRateMode == 2) {
            rate = reserve.params.variableBorrowRate;
            user.variableDebt += amount;
            reserve.totalVariableDebt += amount;
        } else {
            revert("YeiTestPool: invalid interest rate mode");
        }
        reserve.lastUpdateTimestamp = uint40(block.timestamp);
        AccountData memory account = getAccountData(onBehalfOf);
        require(account.totalCollateralBase != 0, "YeiTestPool: collateral balance is zero");
        require(account.totalDebtBase <= percentMul(account.totalCollateralBase, account.ltv), "YeiTestPool: collateral cannot cover new borrow");
        require(account.healthFactor >= WAD, "YeiTestPool: health factor lower than liquidation threshold");
        require(IYeiTestErc20(asset).transfer(msg.sender, amount), "YeiTestPool: transfer failed");
        emit Borrow(asset, msg.sender, onBehalfOf, amount, uint8(interestRateMode), rate, referralCode);
    }

    function repay(address asset, uint256 amount, uint256 interestRateMode, address onBehalfOf) external returns (uint256) {
        ReserveState storage reserve = activeReserve(asset);
        UserReserveState storage user = userReserves[asset][onBehalfOf];
        require(interestRateMode == 1 || interestRateMode == 2, "YeiTestPool: invalid interest rate mode");
        uint256 debt = interestRateMode == 1 ? user.stableDebt : user.variableDebt;
        require(debt != 0, "YeiTestPool: no debt of selected type");
        require(amount != type(uint256).max || msg.sender == onBehalfOf, "YeiTestPool: no explicit amount to repay on behalf");
        uint256 paybackAmount = amount < debt ? amount : debt;
        require(paybackAmount != 0, "YeiTestPool: invalid amount");
        require(IYeiTestErc20(asset).transferFrom(msg.sender, address(this), paybackAmount), "YeiTestPool: transfer failed");
        if (interestRateMode == 1) {
            user.stableDebt -= paybackAmount;
            reserve.totalStableDebt -= paybackAmount;
            if (user.stableDebt == 0) user.stableRate = 0;
        } else {
            user.variableDebt -= paybackAmount;
            reserve.totalVariableDebt -= paybackAmount;
        }
        reserve.lastUpdateTimestamp = uint40(block.timestamp);
        emit Repay(asset, onBehalfOf, msg.sender, paybackAmount, false);
        return paybackAmount;
    }

    function setUserUseReserveAsCollateral(address asset, bool useAsCollateral) external {
        ReserveState storage reserve = activeReserve(asset);
        UserReserveState storage user = userReserves[asset][msg.sender];
        require(user.supplied != 0, "YeiTestPool: underlying balance zero");
        if (useAsCollateral) require(reserve.params.ltv != 0, "YeiTestPool: asset cannot be collateral");
        user.usageAsCollateralEnabled = useAsCollateral;
        if (!useAsCollateral) requireHealthy(msg.sender);
    }

    // ---- Aave v3 IPool reads ----

    function getReservesList() external view returns (address[] memory) {
        return reservesList;
    }

    function getUserAccountData(address user)
        external
        view
        returns (
            uint256 totalCollateralBase,
            uint256 totalDebtBase,
            uint256 availableBorrowsBase,
            uint256 currentLiquidationThreshold,
            uint256 ltv,
            uint256 healthFactor
        )
    {
        AccountData memory a = getAccountData(user);
        return (a.totalCollateralBase, a.totalDebtBase, a.availableBorrowsBase, a.currentLiquidationThreshold, a.ltv, a.healthFactor);
    }

    // ---- for YeiTestProtocolDataProvider ----

    function getReserveState(address asset) external view returns (ReserveState memory) {
        require(reserves[asset].exists, "YeiTestPool: no reserve");
        return reserves[asset];
    }

    function getUserReserveState(address asset, address user) external view returns (UserReserveState memory) {
        require(reserves[asset].exists, "YeiTestPool: no reserve");
        return userReserves[asset][user];
    }

    // ---- internals ----

    function activeReserve(address asset) internal view returns (ReserveState storage reserve) {
        reserve = reserves[asset];
        require(reserve.exists, "YeiTestPool: no reserve");
        require(reserve.params.isActive, "YeiTestPool: reserve inactive");
    }

    function requireHealthy(address user) internal view {
        AccountData memory account = getAccountData(user);
        require(account.healthFactor >= WAD, "YeiTestPool: health factor lower than liquidation threshold");
    }

    /// Aave v3 PercentageMath.percentMul: value × percentage / 1e4, rounded half up.
    function percentMul(uint256 value, uint256 percentage) internal pure returns (uint256) {
        return (value * percentage + HALF_PERCENTAGE_FACTOR) / PERCENTAGE_FACTOR;
    }

    /// Aave v3 WadRayMath.wadDiv: a × 1e18 / b, rounded half up.
    function wadDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * WAD + b / 2) / b;
    }

    /// As Aave v3 GenericLogic.calculateUserAccountData (no e-mode, no isolation) and calculateAvailableBorrows.
    function getAccountData(address user) internal view returns (AccountData memory a) {
        uint256 weightedLtv;
        uint256 weightedThreshold;
        for (uint256 i = 0; i < reservesList.length; i++) {
            address asset = reservesList[i];
            ReserveParams storage params = reserves[asset].params;
            UserReserveState storage u = userReserves[asset][user];
            bool isCollateral = u.usageAsCollateralEnabled && u.supplied != 0 && params.liquidationThreshold != 0;
            uint256 debt = u.variableDebt + u.stableDebt;
            if (!isCollateral && debt == 0) continue;
            uint256 price = IYeiTestPriceOracle(oracle).getAssetPrice(asset);
            uint256 unit = 10 ** params.decimals;
            if (isCollateral) {
                uint256 valueBase = (u.supplied * price) / unit;
                a.totalCollateralBase += valueBase;
                weightedLtv += valueBase * params.ltv;
                weightedThreshold += valueBase * params.liquidationThreshold;
            }
            if (debt != 0) a.totalDebtBase += (debt * price) / unit;
        }
        a.ltv = a.totalCollateralBase == 0 ? 0 : weightedLtv / a.totalCollateralBase;
        a.currentLiquidationThreshold = a.totalCollateralBase == 0 ? 0 : weightedThreshold / a.totalCollateralBase;
        a.healthFactor = a.totalDebtBase == 0
            ? type(uint256).max
            : wadDiv(percentMul(a.totalCollateralBase, a.currentLiquidationThreshold), a.totalDebtBase);
        uint256 borrowable = percentMul(a.totalCollateralBase, a.ltv);
        a.availableBorrowsBase = borrowable > a.totalDebtBase ? borrowable - a.totalDebtBase : 0;
    }
}

/// @notice AaveProtocolDataProvider stand-in (Aave v3 signatures), reading the stand-in pool.
contract YeiTestProtocolDataProvider {
    struct TokenData {
        string symbol;
        address tokenAddress;
    }

    YeiTestPool public pool;

    constructor(YeiTestPool pool_) {
        pool = pool_;
    }

    function getAllReservesTokens() external view returns (TokenData[] memory tokens) {
        address[] memory list = pool.getReservesList();
        tokens = new TokenData[](list.length);
        for (uint256 i = 0; i < list.length; i++) {
            tokens[i] = TokenData({symbol: IYeiTestErc20(list[i]).symbol(), tokenAddress: list[i]});
        }
    }

    function getReserveConfigurationData(address asset)
        external
        view
        returns (
            uint256 decimals,
            uint256 ltv,
            uint256 liquidationThreshold,
            uint256 liquidationBonus,
            uint256 reserveFactor,
            bool usageAsCollateralEnabled,
            bool borrowingEnabled,
            bool stableBorrowRateEnabled,
            bool isActive,
            bool isFrozen
        )
    {
        YeiTestPool.ReserveParams memory p = pool.getReserveState(asset).params;
        return (
            p.decimals,
            p.ltv,
            p.liquidationThreshold,
            p.liquidationBonus,
            p.reserveFactor,
            p.liquidationThreshold != 0,
            p.borrowingEnabled,
            p.stableBorrowRateEnabled,
            p.isActive,
            p.isFrozen
        );
    }

    function getReserveData(address asset)
        external
        view
        returns (
            uint256 unbacked,
            uint256 accruedToTreasuryScaled,
            uint256 totalAToken,
            uint256 totalStableDebt,
            uint256 totalVariableDebt,
            uint256 liquidityRate,
            uint256 variableBorrowRate,
            uint256 stableBorrowRate,
            uint256 averageStableBorrowRate,
            uint256 liquidityIndex,
            uint256 variableBorrowIndex,
            uint40 lastUpdateTimestamp
        )
    {
        YeiTestPool.ReserveState memory r = pool.getReserveState(asset);
        unbacked = 0;
        accruedToTreasuryScaled = 0;
        totalAToken = r.totalSupplied;
        totalStableDebt = r.totalStableDebt;
        totalVariableDebt = r.totalVariableDebt;
        liquidityRate = r.params.liquidityRate;
        variableBorrowRate = r.params.variableBorrowRate;
        stableBorrowRate = r.params.stableBorrowRate;
        averageStableBorrowRate = r.totalStableDebt == 0 ? 0 : r.params.stableBorrowRate;
        liquidityIndex = 1e27;
        variableBorrowIndex = 1e27;
        lastUpdateTimestamp = r.lastUpdateTimestamp;
    }

    function getUserReserveData(address asset, address user)
        external
        view
        returns (
            uint256 currentATokenBalance,
            uint256 currentStableDebt,
            uint256 currentVariableDebt,
            uint256 principalStableDebt,
            uint256 scaledVariableDebt,
            uint256 stableBorrowRate,
            uint256 liquidityRate,
            uint40 stableRateLastUpdated,
            bool usageAsCollateralEnabled
        )
    {
        YeiTestPool.UserReserveState memory u = pool.getUserReserveState(asset, user);
        YeiTestPool.ReserveState memory r = pool.getReserveState(asset);
        return (
            u.supplied,
            u.stableDebt,
            u.variableDebt,
            u.stableDebt,
            u.variableDebt,
            u.stableRate,
            r.params.liquidityRate,
            u.stableRateLastUpdated,
            u.usageAsCollateralEnabled
        );
    }
}
