package io.vruksha.retail.memory;

import io.vruksha.retail.invoicing.InvoiceSequence;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.invoicing.JournalContract;

class InMemoryJournalTest extends JournalContract {

  @Override
  protected Journal newJournal() {
    return new InMemoryJournal();
  }

  @Override
  protected InvoiceSequence newSequence() {
    return new InMemoryInvoiceSequence();
  }
}
