package io.vruksha.retail.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;

/**
 * When a promotion applies; every field optional, absent meaning no condition.
 *
 * @param from first instant
 * @param until last instant
 * @param days days of the week
 * @param fromTime daily window start
 * @param untilTime daily window end
 * @param stores the stores it runs in (all when empty)
 * @param customerGroups customer groups
 * @param loyaltyTiers loyalty tiers
 * @param requiresCoupon whether a coupon must be scanned
 */
public record EligibilityRequest(
    Optional<Instant> from,
    Optional<Instant> until,
    Optional<Set<DayOfWeek>> days,
    Optional<LocalTime> fromTime,
    Optional<LocalTime> untilTime,
    Optional<Set<String>> stores,
    Optional<Set<String>> customerGroups,
    Optional<Set<String>> loyaltyTiers,
    Optional<Boolean> requiresCoupon) {}
