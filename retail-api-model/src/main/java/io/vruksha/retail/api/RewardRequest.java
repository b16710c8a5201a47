package io.vruksha.retail.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The reward, by type: PERCENT_OFF (percent), AMOUNT_OFF (amount), FIXED_PRICE (price), BUY_X_GET_Y
 * (buy, get, percentOff, pick CHEAPEST or DEAREST, rewardTarget), BUNDLE (quantity, price),
 * THRESHOLD (tiers).
 *
 * @param type the reward's type
 * @param percent PERCENT_OFF: the percentage
 * @param amount AMOUNT_OFF: the amount
 * @param price FIXED_PRICE and BUNDLE: the price
 * @param buy BUY_X_GET_Y: how many to buy
 * @param get BUY_X_GET_Y: how many get the discount
 * @param percentOff BUY_X_GET_Y: the discount on them (100 for free)
 * @param pick BUY_X_GET_Y: CHEAPEST or DEAREST
 * @param rewardTarget BUY_X_GET_Y: what the free units are, when not the target
 * @param quantity BUNDLE: how many units make the bundle
 * @param tiers THRESHOLD: the tiers
 */
public record RewardRequest(
    String type,
    Optional<BigDecimal> percent,
    Optional<MoneyIn> amount,
    Optional<MoneyIn> price,
    Optional<Integer> buy,
    Optional<Integer> get,
    Optional<BigDecimal> percentOff,
    Optional<String> pick,
    Optional<TargetRequest> rewardTarget,
    Optional<Integer> quantity,
    Optional<List<TierRequest>> tiers) {}
