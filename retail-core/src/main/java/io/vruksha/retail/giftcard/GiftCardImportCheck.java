package io.vruksha.retail.giftcard;

import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of a gift card import, made on every card before any is imported, so a broken file
 * imports nothing and names each problem by the card's position (1 = the first card).
 */
final class GiftCardImportCheck {

  private GiftCardImportCheck() {}

  /**
   * The problems of {@code cards} for store {@code s}, empty when every card can be imported;
   * {@code codes} receives each card's normalised code (null where the code is broken).
   */
  static List<String> problems(
      GiftCardBook book, StoreId store, Store s, List<ImportedGiftCard> cards, List<String> codes) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < cards.size(); i++) {
      ImportedGiftCard c = cards.get(i);
      String at = "card " + (i + 1) + ": ";
      String code = null;
      try {
        code = GiftCardCode.normalise(c.code());
        if (!seen.add(code)) {
          problems.add(at + "code " + GiftCardCode.mask(code) + " is given twice");
        } else if (book.byCode(store, code).isPresent()) {
          problems.add(at + "code " + GiftCardCode.mask(code) + " is already a card of " + store);
        }
      } catch (InvalidInputException e) {
        problems.add(at + e.getMessage());
      }
      codes.add(code);
      if (c.balance() == null || !c.balance().isPositive()) {
        problems.add(at + "the balance must be above zero");
      } else if (!c.balance().currency().equals(s.currency())) {
        problems.add(
            at
                + "the balance is in "
                + c.balance().currency()
                + "; "
                + store
                + " takes "
                + s.currency());
      }
      if (c.issuedAt() == null || c.expiresAt() == null || !c.expiresAt().isAfter(c.issuedAt())) {
        problems.add(at + "the expiry must come after the issue date");
      }
    }
    if (cards.isEmpty()) {
      problems.add("no cards to import");
    }
    return problems;
  }
}
