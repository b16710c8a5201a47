package io.vruksha.retail.promotion;

import io.vruksha.retail.money.Money;

/**
 * What one promotion took off one line.
 *
 * @param lineIndex the line
 * @param promotion the promotion
 * @param label the promotion's receipt text
 * @param amount the discount, above zero
 */
public record LineAdjustment(int lineIndex, PromotionId promotion, String label, Money amount) {}
